Feature: What was public on 2 March 2022
  A reporter writing on 2 March 2022 knew what had been published by then, no more.
  The tracker holds what was published later too: ESA's decision of 13 April to end
  its work with Russia on Luna 25 and Luna 27, Luna 25's launch and crash in August
  2023. Every fact cites its source, and its source says when it was published, so
  every question can be asked along a third line of time: `--reported DATE` answers
  from the facts whose sources had been published by the end of that day.

  It is not `--known-at`, which asks what this store held at a time of recording:
  every built-in fact was recorded when `missions seed` ran, long after 2022. A
  correction or a retraction counts from its own source's date; a fact whose source
  gives no date counts from the day it was recorded, and the answer says how many
  did.

  Background:
    Given the tracker holds the article and every built-in pack

  Scenario: Luna 27, as the article of 1 March 2022 told it
    ESA was to fly its PROSPECT drill on Luna 27, but that was first reported on
    13 April, when ESA ended its part: on 2 March only Roscosmos and CNSA were known.

    When I ask for the status of "Luna 27" on 2022-03-02, as reported by 2022-03-02
    Then its status is "planned"
    And its partners are:
      | partner   | role    | standing |
      | roscosmos | lead    | active   |
      | cnsa      | partner | active   |
    And its sources are:
      | publication | published  |
      | SpaceNews   | 2022-03-01 |

  Scenario: ESA's decision of 13 April 2022 was public the next day
    When I ask for the status of "Luna 27" on 2022-04-14, as reported by 2022-04-14
    Then its partners are:
      | partner   | role        | standing  |
      | roscosmos | lead        | active    |
      | cnsa      | partner     | active    |
      | esa       | contributor | withdrawn |

  Scenario: Nothing about Luna 25 had been reported by 2 March 2022
    When I type `missions status luna-25 --reported 2022-03-02`
    Then I am refused with exit code 2
    And the error reads "Error: nothing about luna-25 had been reported by 2022-03-02; the first report of it counts from 2022-04-13"
    And nothing has been written to the store

  Scenario: Every mission on 2 March 2022, as published by then
    When I list every mission on 2022-03-02, as reported by 2022-03-02
    Then the missions are, in order:
      | mission      | status    | since         |
      | exomars      | at_risk   | 2022-02-28    |
      | venera-d     | delayed   | ../2022-02-24 |
      | luna-27      | planned   | ../2022-03-01 |
      | change-6     | planned   | ../2022-03-01 |
      | change-7     | planned   | ../2022-03-01 |
      | ilrs         | proposed  | ../2021-06    |
      | soyuz-kourou | suspended | 2022-02-26    |
      | iss          | operating | ../2022-02-24 |

  Scenario Outline: ExoMars at the end of March 2022, as published by a day
    ESA's Council suspended the cooperation on 17 March; until that was published,
    the end of March looked as it had on 2 March.

    When I ask for the status of "ExoMars" on 2022-03-31, as reported by <day>
    Then its status is "<status>"
    And the standing of "roscosmos" is "<roscosmos>"

    Examples:
      | day        | status    | roscosmos |
      | 2022-03-02 | at_risk   | active    |
      | 2022-03-16 | at_risk   | active    |
      | 2022-03-17 | suspended | suspended |
