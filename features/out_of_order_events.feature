Feature: Out-of-order events
  Facts are often learnt late: a fact recorded today can be dated years back. Each one
  takes its place in the order of the world, not in the order it was recorded. The
  status at the end of a day comes from the facts whose latest possible day is on or
  before it, applied by that latest day, then by their earliest possible day, then in
  the order they were recorded.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Scenario: A fact of 2020 recorded today leaves 2022 as it was
    Given I have looked at every mission on 2022-03-01
    And I have typed `missions record exomars status-changed --status delayed --on 2020-03-12 --source "ESA" --summary "ESA and Roscosmos postponed the launch of ExoMars from 2020 to 2022."`
    When I list every mission on 2022-03-01
    Then every mission's status and since when, last change, launch target and partners are as before
    When I ask for the status of "ExoMars" on 2022-03-01
    Then it rests on 7 facts
    # The sources are those of the facts the answer rests on: the status of 2020
    # has since changed, so ESA's report of it is not among them.
    And its sources are:
      | publication | author       |
      | SpaceNews   | Andrew Jones |

  Scenario Outline: The fact of 2020 answers for 2020 only
    Given I have typed `missions record exomars status-changed --status delayed --on 2020-03-12 --source "ESA"`
    And I have typed `missions record exomars launch-target-changed --target 2022 --on 2020-03-12 --source "ESA"`
    When I ask for the status of "ExoMars" on <day>
    Then its status is "<status>"
    And its launch target is "<target>"
    And its status has held since "<since>"
    And its last change dates from "<since>"

    Examples:
      | day        | status  | target  | since         |
      | 2020-03-12 | delayed | 2022    | 2020-03-12    |
      | 2022-02-25 | planned | 2022-09 | ../2022-02-24 |
      | 2022-03-01 | at_risk | 2022-09 | 2022-02-28    |

  Scenario: Facts recorded in the reverse order of the world are applied in the order of the world
    Given I have typed `missions record exomars partner-withdrawn --partner roscosmos --on 2022-07-12 --source "ESA"`
    And I have typed `missions record exomars partner-standing-changed --partner roscosmos --standing suspended --on 2022-03-17 --source "ESA"`
    When I ask for the status of "ExoMars" on 2022-08-01
    Then the standing of "roscosmos" is "withdrawn"

  Scenario Outline: Which of two facts is applied last
    Given I have typed `missions record exomars status-changed --status <first> --on <first on> --source "ESA"`
    And I have typed `missions record exomars status-changed --status <second> --on <second on> --source "ESA"`
    When I ask for the status of "ExoMars" on 2022-12-31
    Then its status is "<status>"

    Examples: The fact with the later latest day
      | first     | first on   | second  | second on  | status    |
      | suspended | 2022-03-17 | delayed | 2022-03-10 | suspended |
      | suspended | 2022-03    | delayed | 2022-03-20 | suspended |

    Examples: On the same latest day, the fact with the later earliest day
      | first     | first on   | second    | second on  | status    |
      | suspended | 2022-03-31 | delayed   | 2022-03    | suspended |
      | delayed   | 2022-03    | suspended | 2022-03-31 | suspended |

    Examples: On the same days, the fact recorded last
      | first     | first on   | second    | second on  | status    |
      | delayed   | 2022-03-17 | suspended | 2022-03-17 | suspended |
      | suspended | 2022-03-17 | delayed   | 2022-03-17 | delayed   |

  Scenario: A fact recorded today is checked against the world as it was on its own date
    NASA was a prospective partner of Venera-D until 1 March 2022 at the latest.

    When I type `missions record venera-d partner-joined --partner nasa --role partner --on 2022-02-25 --source "Example"`
    Then I am refused with exit code 1
    And the error reads "Error: nasa is already a partner of venera-d on 2022-02-25 (partner, prospective)"
    And nothing has been written to the store
    When I type `missions record venera-d partner-joined --partner nasa --role partner --on 2022-03-05 --source "Example"`
    Then I am told the fact is recorded as partner-joined for venera-d on 2022-03-05

  Scenario: A partner cannot withdraw before it is known to have joined
    When I type `missions record venera-d partner-withdrawn --partner nasa --on 2021-01-01 --source "Example"`
    Then I am refused with exit code 1
    And the error reads "Error: nasa is not a partner of venera-d on 2021-01-01; record partner-joined first"
    And nothing has been written to the store
