Feature: Corrections and retractions
  A fact recorded wrongly is never edited. `missions correct EVENT_ID` records which
  of its fields were wrong and what they should have been; `missions retract EVENT_ID`
  records that it should never have been recorded at all, who said so and why. Both
  are facts about our records, kept for good: the original stays in the log, marked
  as corrected or retracted, and the answers use the corrected facts from then on.
  EVENT_ID is the id `missions log` shows; its first characters will do.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Scenario: A date recorded wrongly
    ESA's Council suspended the ExoMars cooperation with Roscosmos on 17 March 2022,
    not on 7 March.

    Given I have typed `missions record exomars status-changed --status suspended --on 2022-03-07 --source "ESA"`, noting its id as [the suspension]
    When I type `missions correct [the suspension] --mission ExoMars --on 2022-03-17 --reason "The Council decided on 17 March, not 7 March."`
    Then I am told the correction is recorded for exomars
    When I ask for the status of "ExoMars" on 2022-03-16
    Then its status is "at_risk"
    And its status has held since "2022-02-28"
    And its last change dates from "2022-02-28"
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its status is "suspended"
    And its status has held since "2022-03-17"
    And its last change dates from "2022-03-17"

  Scenario: A status recorded wrongly
    Given I have typed `missions record exomars status-changed --status cancelled --on 2022-03-17 --source "ESA"`, noting its id as [the Council's decision]
    When I type `missions correct [the Council's decision] --status suspended --reason "ESA suspended the cooperation with Roscosmos; it did not cancel ExoMars."`
    Then I am told the correction is recorded for exomars
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its status is "suspended"

  Scenario: A source recorded wrongly
    Given I have typed `missions record exomars status-changed --status suspended --on 2022-03-17 --source "SpaceNews"`, noting its id as [the suspension]
    When I type `missions correct [the suspension] --source "ESA" --source-date 2022-03-17 --reason "It was ESA's own announcement."`
    Then I am told the correction is recorded for exomars
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its status is "suspended"
    And its sources are:
      | publication | author       | published  |
      | SpaceNews   | Andrew Jones | 2022-03-01 |
      | ESA         | -            | 2022-03-17 |

  Scenario: A partner recorded wrongly
    On 12 July 2022 it was Roscosmos that ESA parted with on ExoMars, not ESA that left
    its own mission.

    Given I have typed `missions record exomars partner-withdrawn --partner esa --on 2022-07-12 --source "ESA"`, noting its id as [the end of the cooperation]
    When I type `missions correct [the end of the cooperation] --partner roscosmos --reason "It was Roscosmos that ESA parted with."`
    Then I am told the correction is recorded for exomars
    When I ask for the status of "ExoMars" on 2022-07-12
    Then the standing of "roscosmos" is "withdrawn"
    And the standing of "esa" is "active"

  Scenario: A correction can itself be corrected
    Given I have typed `missions record exomars status-changed --status suspended --on 2022-03-07 --source "ESA"`, noting its id as [the suspension]
    And I have typed `missions correct [the suspension] --on 2022-03-16 --reason "The Council met on 16 March."`, noting its id as [the first correction]
    When I type `missions correct [the first correction] --on 2022-03-17 --reason "The Council decided on the second day of its meeting, 17 March."`
    Then I am told the correction is recorded for exomars
    When I ask for the status of "ExoMars" on 2022-03-16
    Then its status is "at_risk"
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its status is "suspended"
    And its status has held since "2022-03-17"
    And its last change dates from "2022-03-17"
    When I read the log of "ExoMars"
    Then the log has 9 entries
    And entry 7 of the log reads:
      | occurred | 2022-03-07 |
    And entry 7 of the log is shown as corrected by entry 8
    And entry 8 of the log corrects entry 7
    And entry 8 of the log is shown as corrected by entry 9
    And entry 9 of the log corrects entry 8

  Scenario: A correction is in the log, with what it changed
    Given I have typed `missions record exomars status-changed --status suspended --on 2022-03-07 --source "ESA"`, noting its id as [the suspension]
    And I have typed `missions correct [the suspension] --on 2022-03-17 --reason "The Council decided on 17 March, not 7 March."`
    When I read the log of "ExoMars"
    Then the log has 8 entries
    And entry 7 of the log is shown as corrected by entry 8
    And entry 8 of the log reads:
      | version  | 8                                             |
      | type     | Corrected                                     |
      | kind     | corrected                                     |
      | occurred | -                                             |
      | corrects | [the suspension]                              |
      | summary  | The Council decided on 17 March, not 7 March. |
    And entry 8 of the log changes the date to 2022-03-17

  Scenario: A report that turned out false is retracted
    Given I have typed `missions record exomars status-changed --status cancelled --on 2022-03-17 --source "A post on social media" --summary "A post claimed that ESA had cancelled ExoMars altogether."`, noting its id as [the rumour]
    When I type `missions retract [the rumour] --mission exomars --reason "ESA suspended its cooperation with Roscosmos; it did not cancel ExoMars." --source "ESA" --source-date 2022-03-17`
    Then I am told the retraction is recorded for exomars
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its status is "at_risk"
    And it rests on 6 facts
    When I read the log of "ExoMars"
    Then the log has 8 entries
    And entry 7 of the log is shown as retracted by entry 8
    And entry 8 of the log retracts entry 7
    And entry 8 of the log reads:
      | type    | Retracted                                                                                        |
      | reason  | ESA suspended its cooperation with Roscosmos; it did not cancel ExoMars.                         |
      | summary | Retracted [the rumour]: ESA suspended its cooperation with Roscosmos; it did not cancel ExoMars. |
    And entry 8 of the log cites:
      | publication | ESA        |
      | published   | 2022-03-17 |

  Rule: A correction or retraction that cannot stand is refused with exit code 1

    Scenario Outline: A correction or retraction of the wrong event
      Given I have typed `missions record exomars status-changed --status cancelled --on 2022-03-17 --source "A post on social media" --summary "A post claimed that ESA had cancelled ExoMars altogether."`, noting its id as [the rumour]
      And I have typed `missions retract [the rumour] --reason "ESA did not cancel ExoMars." --source "ESA"`, noting its id as [its retraction]
      And I have noted the id of entry 6 of the log of "ExoMars" as [ESA's warning]
      And I have noted the id of entry 1 of the log of "ExoMars" as [its registration]
      When I type `<command>`
      Then I am refused with exit code 1
      And the error reads "<error>"
      And nothing has been written to the store

      Examples:
        | command                                                                        | error                                                                                                           |
        | missions correct [the rumour] --status suspended                               | Error: event [the rumour] was retracted by [its retraction]; it cannot be corrected                             |
        | missions retract [the rumour] --reason "Still false." --source "ESA"           | Error: event [the rumour] was retracted by [its retraction]; it cannot be retracted                             |
        | missions correct [ESA's warning] --mission "Venera-D" --on 2022-02-27          | Error: event [ESA's warning] is an event of exomars, not of venera-d                                            |
        | missions retract [ESA's warning] --mission luna-27 --reason "No." --source "X" | Error: event [ESA's warning] is an event of exomars, not of luna-27                                             |
        | missions correct [its retraction] --reason "It was true after all."            | Error: event [its retraction] is a retraction; it cannot be corrected                                           |
        | missions retract [its retraction] --reason "It was true after all." --source X | Error: event [its retraction] is a retraction; it cannot be retracted                                           |
        | missions retract [its registration] --reason "Never tracked." --source "X"     | Error: a registration cannot be retracted; correct its date or source instead                                   |
        | missions correct [ESA's warning] --reason "Nothing, really."                   | Error: nothing to correct: give the fields that were wrong                                                      |
        | missions correct [ESA's warning] --partner esa                                 | Error: a StatusChanged cannot have its partner corrected; it can have: by_party, effective, occurred, quote, source, status, summary |

  Rule: A mistyped id or mission is refused with exit code 2

    Scenario Outline: An id or mission that names nothing
      When I type `<command>`
      Then I am refused with exit code 2
      And the error reads "<error>"
      And nothing has been written to the store

      Examples:
        | command                                                     | error                                                                           |
        | missions correct e5e --on 2022-02-27                        | Error: event id 'e5e' is too short; give 4 or more characters                   |
        | missions correct zzzz --on 2022-02-27                       | Error: no event has an id starting 'zzzz'; `missions log MISSION` shows the ids |
        | missions retract zzzz --reason "Never happened." --source X | Error: no event has an id starting 'zzzz'; `missions log MISSION` shows the ids |
        | missions correct e5e05089 --mission exomar --on 2022-02-27  | Error: unknown mission 'exomar'; did you mean: exomars?                         |
