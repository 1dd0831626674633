Feature: Status at a date
  Ask what was true of a mission at the end of any day. The answer comes from the
  facts that had surely happened by then: a fact counts once the latest day it could
  have happened has passed. So "on or before 24 February 2022" counts from that day,
  "June 2021" from 30 June 2021, and "between 24 February and 1 March 2022" from
  1 March 2022.

  The answer says since when the mission has had its status (the date of the fact that
  set it), and apart from that when anything about it last changed: a new partner, a
  launch target, a status.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Scenario: The day after the invasion of Ukraine, 25 February 2022
    When I list every mission on 2022-02-25
    Then the missions are, in order:
      | mission      | status    | since         | last change   | target launch | partners                      |
      | exomars      | planned   | ../2022-02-24 | ../2022-02-24 | 2022-09       | esa, roscosmos                |
      | venera-d     | delayed   | ../2022-02-24 | ../2022-02-24 | -             | roscosmos, nasa (prospective) |
      | luna-27      | -         | -             | -             | -             |                               |
      | change-6     | -         | -             | -             | -             |                               |
      | change-7     | -         | -             | -             | -             |                               |
      | ilrs         | proposed  | ../2021-06    | 2021-06       | 2030/2034~    | cnsa, roscosmos               |
      | soyuz-kourou | operating | ../2022-02-24 | ../2022-02-24 | -             | roscosmos                     |
      | iss          | operating | ../2022-02-24 | ../2022-02-24 | -             | roscosmos                     |

  Scenario: The day of the article, 1 March 2022
    Venera-D was delayed before the invasion; its last change is Russia's ruling out of
    NASA, which left its status as it was.

    When I list every mission on 2022-03-01
    Then the missions are, in order:
      | mission      | status    | since         | last change           | target launch | partners                    |
      | exomars      | at_risk   | 2022-02-28    | 2022-02-28            | 2022-09       | esa, roscosmos              |
      | venera-d     | delayed   | ../2022-02-24 | 2022-02-24/2022-03-01 | -             | roscosmos, nasa (withdrawn) |
      | luna-27      | planned   | ../2022-03-01 | ../2022-03-01         | -             | roscosmos, cnsa             |
      | change-6     | planned   | ../2022-03-01 | ../2022-03-01         | -             | cnsa, roscosmos             |
      | change-7     | planned   | ../2022-03-01 | ../2022-03-01         | -             | cnsa, roscosmos             |
      | ilrs         | proposed  | ../2021-06    | 2021-06               | 2030/2034~    | cnsa, roscosmos             |
      | soyuz-kourou | suspended | 2022-02-26    | 2022-02-26            | -             | roscosmos (suspended)       |
      | iss          | operating | ../2022-02-24 | ../2022-02-24         | -             | roscosmos                   |

  Scenario: The same list, for people to read
    When I type `missions list --at 2022-03-01`
    Then I see:
      """
      Missions on 2022-03-01
      MISSION       STATUS     SINCE          LAUNCH             PARTNERS
      exomars       at_risk    2022-02-28     target 2022-09     esa, roscosmos
      venera-d      delayed    ../2022-02-24                     roscosmos, nasa (withdrawn)
      luna-27       planned    ../2022-03-01                     roscosmos, cnsa
      change-6      planned    ../2022-03-01                     cnsa, roscosmos
      change-7      planned    ../2022-03-01                     cnsa, roscosmos
      ilrs          proposed   ../2021-06     target 2030/2034~  cnsa, roscosmos
      soyuz-kourou  suspended  2022-02-26                        roscosmos (suspended)
      iss           operating  ../2022-02-24                     roscosmos
      """

  Scenario: A mission whose status is not known yet, for people to read
    When I type `missions list --at 2022-02-25`
    Then I see:
      """
      Missions on 2022-02-25
      MISSION       STATUS            SINCE          LAUNCH             PARTNERS
      exomars       planned           ../2022-02-24  target 2022-09     esa, roscosmos
      venera-d      delayed           ../2022-02-24                     roscosmos, nasa (prospective)
      luna-27       not known before
      change-6      not known before
      change-7      not known before
      ilrs          proposed          ../2021-06     target 2030/2034~  cnsa, roscosmos
      soyuz-kourou  operating         ../2022-02-24                     roscosmos
      iss           operating         ../2022-02-24                     roscosmos
      """

  Scenario Outline: ExoMars was planned for September 2022 until ESA called it very unlikely on 28 February 2022
    When I ask for the status of "ExoMars" on <day>
    Then its status is "<status>"
    And its status has held since "<since>"
    And its last change dates from "<since>"
    And its launch target is "2022-09"

    Examples:
      | day        | status  | since         |
      | 2022-02-24 | planned | ../2022-02-24 |
      | 2022-02-27 | planned | ../2022-02-24 |
      | 2022-02-28 | at_risk | 2022-02-28    |
      | 2022-03-01 | at_risk | 2022-02-28    |

  Scenario: ExoMars on the day of the article, in full
    When I ask for the status of "ExoMars" on 2022-03-01
    Then the answer reads:
      | mission       | exomars    |
      | name          | ExoMars    |
      | at            | 2022-03-01 |
      | known at      | -          |
      | status        | at_risk    |
      | since         | 2022-02-28 |
      | by party      | -          |
      | last change   | 2022-02-28 |
      | target launch | 2022-09    |
      | milestones    |            |
      | programmes    |            |
      | facts         | 6          |
    And its partners are:
      | partner   | name                        | role    | standing | by party | contributions |
      | esa       | European Space Agency (ESA) | lead    | active   | -        |               |
      | roscosmos | Roscosmos                   | partner | active   | -        |               |
    And its sources are:
      | publication | title                                                                                      | author       | published  |
      | SpaceNews   | Russia looks to China for collaboration in space but faces isolation over Ukraine invasion | Andrew Jones | 2022-03-01 |

  Scenario: Scripts can rely on the fields of an answer
    When I ask for the status of "Venera-D" on 2022-03-01
    Then the answer has the fields mission, name, at, known at, status, since, by party, last change, target launch, launched, landed, partners, milestones, programmes, facts, uncertain and sources

  Scenario Outline: A fact known only to a range of days counts from the last of them
    Rogozin's word that Venera-D could no longer feature U.S. involvement is dated
    between 24 February and 1 March 2022: it counts from 1 March.

    When I ask for the status of "Venera-D" on <day>
    Then the standing of "nasa" is "<nasa>"
    And its last change dates from "<last change>"
    And its status has held since "../2022-02-24"

    Examples:
      | day        | nasa        | last change           |
      | 2022-02-28 | prospective | ../2022-02-24         |
      | 2022-03-01 | withdrawn   | 2022-02-24/2022-03-01 |

  Scenario Outline: What the article only reports as true by 1 March 2022 counts from that day
    The article places the Sino-Russian agreements on Luna 27 and Chang'e-6 and -7
    "in recent years": the seed dates them on or before 1 March 2022.

    When I ask for the status of "<mission>" on 2022-02-28
    Then nothing is known of it yet
    When I ask for the status of "<mission>" on 2022-03-01
    Then its status is "planned"
    And it has no launch target

    Examples:
      | mission   |
      | Luna 27   |
      | Chang'e-6 |
      | Chang'e-7 |

  Scenario Outline: The ILRS roadmap of June 2021 counts from the end of June 2021
    When I ask for the status of "ILRS" on <day>
    Then it rests on <facts> facts

    Examples:
      | day        | facts |
      | 2021-06-29 | 0     |
      | 2021-06-30 | 5     |
      | 2022-02-28 | 5     |
      | 2022-03-01 | 6     |

  Scenario: The ILRS on the day of the article: a proposal with launches in the early 2030s
    The article gives "the early 2030s" no years: the target is from 2030 to about 2034
    (EDTF 2030/2034~). The proposal is known only to date from June 2021 or before, the
    roadmap's launch target from June 2021.

    When I ask for the status of "International Lunar Research Station" on 2022-03-01
    Then its status is "proposed"
    And its status has held since "../2021-06"
    And its last change dates from "2021-06"
    And its launch target is "2030/2034~"
    And its partners are:
      | partner   | role | standing |
      | cnsa      | lead | active   |
      | roscosmos | lead | active   |

  Scenario: A note adds to what is known but changes no status
    The article notes that ISS operations remained normal after the invasion.

    When I ask for the status of "ISS" on 2022-03-01
    Then its status is "operating"
    And its status has held since "../2022-02-24"
    And its last change dates from "../2022-02-24"
    And it rests on 4 facts
    And the standing of "roscosmos" is "active"
