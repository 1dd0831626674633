Feature: What we knew, and when
  The article of 1 March 2022 was only the start. On 17 March ESA's Council found it
  impossible to carry on with Roscosmos on ExoMars for a launch that year and had the
  cooperation suspended. On 13 April ESA ended its work with Russia on Luna 27, for
  which it was to provide the PILOT navigation system and the PROSPECT drill. On
  12 July it ended the cooperation with Roscosmos on ExoMars for good, and in November
  its ministers decided to carry on with ExoMars, for a launch in 2028.

  Every question can be asked along two lines of time: `--at DATE` is the world's
  (what was true on that day), `--known-at TIME` is ours (what the tracker had been
  told by then). What happened later, a date we got wrong and a report that turned out
  false are all put right with new facts, never by changing old ones: what we knew
  before stays exactly as it was, and the log keeps every original.

  Here the 17 March suspension is first recorded as of 7 March, by a slip, and a post
  claiming that ESA had cancelled ExoMars is recorded too; both are put right once the
  rest of the year is recorded.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022
    And I have noted every mission's answer on 2022-02-27, 2022-03-01 and 2022-12-31
    And I note the time as [when we had only the article]
    And I have typed `missions record exomars status-changed --status suspended --on 2022-03-07 --source "ESA" --source-date 2022-03-17 --summary "ESA's Council found a launch with Roscosmos in 2022 impossible and had the ExoMars cooperation suspended."`, noting its id as [the suspension]
    And I have typed `missions record exomars partner-standing-changed --partner roscosmos --standing suspended --on 2022-03-17 --source "ESA" --source-date 2022-03-17 --summary "ESA suspended its work with Roscosmos on ExoMars."`
    And I have typed `missions record exomars status-changed --status cancelled --on 2022-03-17 --source "A post on social media" --summary "A post claimed that ESA had cancelled ExoMars altogether."`, noting its id as [the rumour]
    And I have typed `missions record luna-27 partner-joined --partner esa --role contributor --on ../2022-04-13 --source "ESA" --source-date 2022-04-13 --summary "ESA was to provide Luna 27 with its PILOT navigation system and its PROSPECT drill."`
    And I have typed `missions record luna-27 partner-withdrawn --partner esa --on 2022-04-13 --source "ESA" --source-date 2022-04-13 --summary "ESA ended its cooperation with Russia on Luna 27."`
    And I have typed `missions record exomars partner-withdrawn --partner roscosmos --on 2022-07-12 --source "ESA" --source-date 2022-07-12 --summary "ESA ended its cooperation with Roscosmos on ExoMars for good."`
    And I have typed `missions record exomars status-changed --status planned --on 2022-11-23 --source "ESA" --source-date 2022-11-23 --summary "ESA's ministers decided to carry on with ExoMars without Russia."`
    And I have typed `missions record exomars launch-target-changed --target 2028 --on 2022-11-23 --source "ESA" --source-date 2022-11-23 --summary "ExoMars was now to launch in 2028."`
    And I note the time as [before the correction]
    And I have typed `missions correct [the suspension] --on 2022-03-17 --reason "The Council decided on 17 March, not 7 March."`
    And I have typed `missions retract [the rumour] --reason "ESA suspended its cooperation with Roscosmos; it did not cancel ExoMars." --source "ESA" --source-date 2022-03-17`

  Scenario Outline: ExoMars through 2022, as we know it now
    ExoMars was suspended from 17 March: Roscosmos's leaving on 12 July is a later
    change, which left the status as it was.

    When I ask for the status of "ExoMars" on <day>
    Then its status is "<status>"
    And its status has held since "<since>"
    And its last change dates from "<last change>"
    And the standing of "roscosmos" is "<roscosmos>"
    And its launch target is "<target>"

    Examples:
      | day        | status    | since      | last change | roscosmos | target  |
      | 2022-03-01 | at_risk   | 2022-02-28 | 2022-02-28  | active    | 2022-09 |
      | 2022-03-10 | at_risk   | 2022-02-28 | 2022-02-28  | active    | 2022-09 |
      | 2022-03-17 | suspended | 2022-03-17 | 2022-03-17  | suspended | 2022-09 |
      | 2022-07-12 | suspended | 2022-03-17 | 2022-07-12  | withdrawn | 2022-09 |
      | 2022-11-23 | planned   | 2022-11-23 | 2022-11-23  | withdrawn | 2028    |

  Scenario: ESA's part in Luna 27 ended on 13 April 2022
    When I ask for the status of "Luna 27" on 2022-04-13
    Then its partners are:
      | partner   | role        | standing  |
      | roscosmos | lead        | active    |
      | cnsa      | partner     | active    |
      | esa       | contributor | withdrawn |
    And nothing about it is uncertain

  Scenario: ESA's part in Luna 27 is dated only as on or before 13 April 2022
    So on any earlier day it may, or may not, have begun: it does not count yet, and
    the answer says so.

    When I ask for the status of "Luna 27" on 2022-03-01
    Then its partners are:
      | partner   | role    | standing |
      | roscosmos | lead    | active   |
      | cnsa      | partner | active   |
    And it is uncertain of:
      | kind           | occurred      | summary                                                                             |
      | partner-joined | ../2022-04-13 | ESA was to provide Luna 27 with its PILOT navigation system and its PROSPECT drill. |

  Scenario Outline: What we have learnt since leaves the days of the article as they were
    When I list every mission on <day>
    Then every mission's status, last change, launch target, partners, facts and sources are as I noted them

    Examples:
      | day        |
      | 2022-02-27 |
      | 2022-03-01 |

  Scenario Outline: As we knew it when we had only the article, every answer is exactly as it was
    When I list, as known at [when we had only the article], every mission on <day>
    Then every mission's answer is exactly as I noted it

    Examples:
      | day        |
      | 2022-02-27 |
      | 2022-03-01 |
      | 2022-12-31 |

  Scenario: What we knew at the end of 2022, before and after we learnt of the later events
    When I ask, as known at [when we had only the article], for the status of "ExoMars" on 2022-12-31
    Then its status is "at_risk"
    And its launch target is "2022-09"
    And the standing of "roscosmos" is "active"
    When I ask for the status of "ExoMars" on 2022-12-31
    Then its status is "planned"
    And its launch target is "2028"
    And the standing of "roscosmos" is "withdrawn"

  Scenario: A date recorded wrongly, then corrected
    Before the correction we had ExoMars suspended from 7 March; it was suspended on
    17 March, and on 10 March it was still only at risk.

    When I ask, as known at [before the correction], for the status of "ExoMars" on 2022-03-10
    Then its status is "suspended"
    And its status has held since "2022-03-07"
    And its last change dates from "2022-03-07"
    When I ask for the status of "ExoMars" on 2022-03-10
    Then its status is "at_risk"
    And its status has held since "2022-02-28"
    And its last change dates from "2022-02-28"

  Scenario: A report that turned out false, retracted
    When I ask, as known at [before the correction], for the status of "ExoMars" on 2022-03-17
    Then its status is "cancelled"
    And it rests on 9 facts
    And its sources are:
      | publication            | author       | published  |
      | SpaceNews              | Andrew Jones | 2022-03-01 |
      | ESA                    | -            | 2022-03-17 |
      | A post on social media | -            | -          |
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its status is "suspended"
    And it rests on 8 facts
    And its sources are:
      | publication | author       | published  |
      | SpaceNews   | Andrew Jones | 2022-03-01 |
      | ESA         | -            | 2022-03-17 |

  Scenario: The log keeps every original, and says what became of it
    When I read the log of "ExoMars"
    Then the log has 14 entries
    And entry 7 of the log reads:
      | kind     | status-changed |
      | occurred | 2022-03-07     |
      | status   | suspended      |
    And entry 7 of the log is shown as corrected by entry 13
    And entry 9 of the log reads:
      | kind   | status-changed |
      | status | cancelled      |
    And entry 9 of the log cites:
      | publication | A post on social media |
    And entry 9 of the log is shown as retracted by entry 14
    And entry 13 of the log corrects entry 7
    And entry 13 of the log reads:
      | kind    | corrected                                     |
      | summary | The Council decided on 17 March, not 7 March. |
    And entry 14 of the log retracts entry 9
    And entry 14 of the log reads:
      | kind    | retracted                                                                                        |
      | reason  | ESA suspended its cooperation with Roscosmos; it did not cancel ExoMars.                         |
      | summary | Retracted [the rumour]: ESA suspended its cooperation with Roscosmos; it did not cancel ExoMars. |

  Scenario: The log as it stood before the correction
    When I read, as known at [before the correction], the log of "ExoMars"
    Then the log has 12 entries
    And entry 7 of the log is shown as neither corrected nor retracted
    And entry 9 of the log is shown as neither corrected nor retracted

  Scenario: The history of ExoMars since the article, as we know it now
    When I type `missions history exomars --from 2022-03-01 --json`
    Then the changes are, in the order of the world:
      | date       | subject       | partner   | from      | to        |
      | 2022-03-17 | status        | -         | at_risk   | suspended |
      | 2022-03-17 | partner       | roscosmos | active    | suspended |
      | 2022-07-12 | partner       | roscosmos | suspended | withdrawn |
      | 2022-11-23 | status        | -         | suspended | planned   |
      | 2022-11-23 | target_launch | -         | 2022-09   | 2028      |

  Scenario: The history of ExoMars since the article, as we knew it before the correction
    When I type `missions history exomars --from 2022-03-01 --known-at [before the correction] --json`
    Then the changes are, in the order of the world:
      | date       | subject       | partner   | from      | to        |
      | 2022-03-07 | status        | -         | at_risk   | suspended |
      | 2022-03-17 | partner       | roscosmos | active    | suspended |
      | 2022-03-17 | status        | -         | suspended | cancelled |
      | 2022-07-12 | partner       | roscosmos | suspended | withdrawn |
      | 2022-11-23 | status        | -         | cancelled | planned   |
      | 2022-11-23 | target_launch | -         | 2022-09   | 2028      |
