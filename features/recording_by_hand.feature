Feature: Recording by hand
  Whatever happens after the article is recorded by hand, one dated fact at a time:

    missions record MISSION KIND --on EDTF --source TEXT [options]

  KIND is one of status-changed, partner-joined, partner-withdrawn, partner-replaced,
  partner-standing-changed, partner-role-changed, launch-target-changed, milestone,
  contribution-added, contribution-removed, programme-joined, programme-left or noted.
  --on says when it happened, as precisely as it is known (2022-03-17, 2022-03, 2022,
  2030/2033, ../2022-03-01); --source says who reported it. --by-party says who
  brought a status or a partner's standing about, and --effective when a fact
  announced on --on takes effect. A mission can be named by its slug, its name or any
  of its aliases, whatever the case, and ignoring spaces, hyphens and apostrophes.
  A new mission is tracked with `missions register`.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Scenario: A status changes
    When I type `missions record exomars status-changed --status suspended --on 2022-03-17 --source "ESA" --summary "ESA suspended its cooperation with Roscosmos on ExoMars."`
    Then I am told the fact is recorded as status-changed for exomars on 2022-03-17
    When I ask for the status of "ExoMars" on 2022-03-16
    Then its status is "at_risk"
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its status is "suspended"
    And its status has held since "2022-03-17"
    And nobody is named as having brought its status about
    And its last change dates from "2022-03-17"
    And it rests on 7 facts
    And its sources are:
      | publication | author       |
      | SpaceNews   | Andrew Jones |
      | ESA         | -            |

  Scenario: A partner joins
    When I type `missions record exomars partner-joined --partner nasa --role contributor --on 2024-05-16 --source "ESA"`
    Then I am told the fact is recorded as partner-joined for exomars on 2024-05-16
    When I ask for the status of "ExoMars" on 2024-05-16
    Then the standing of "nasa" is "active"

  Scenario: A partner withdraws
    When I type `missions record exomars partner-withdrawn --partner roscosmos --on 2022-07-12 --source "ESA"`
    Then I am told the fact is recorded as partner-withdrawn for exomars on 2022-07-12
    When I ask for the status of "ExoMars" on 2022-07-12
    Then the standing of "roscosmos" is "withdrawn"

  Scenario: A partner takes another's place
    When I type `missions record exomars partner-replaced --partner roscosmos --by nasa --on 2024-05-16 --source "ESA"`
    Then I am told the fact is recorded as partner-replaced for exomars on 2024-05-16
    When I ask for the status of "ExoMars" on 2024-05-16
    Then the standing of "roscosmos" is "withdrawn"
    And the standing of "nasa" is "active"

  Scenario: A partner's standing changes
    When I type `missions record exomars partner-standing-changed --partner roscosmos --standing suspended --on 2022-03-17 --source "ESA"`
    Then I am told the fact is recorded as partner-standing-changed for exomars on 2022-03-17
    When I ask for the status of "ExoMars" on 2022-03-17
    Then the standing of "roscosmos" is "suspended"

  Scenario: The launch target moves
    When I type `missions record exomars launch-target-changed --target 2028 --on 2022-11-23 --source "ESA" --summary "ESA's ministers funded ExoMars for a launch in 2028."`
    Then I am told the fact is recorded as launch-target-changed for exomars on 2022-11-23
    When I ask for the status of "ExoMars" on 2022-11-22
    Then its launch target is "2022-09"
    When I ask for the status of "ExoMars" on 2022-11-23
    Then its launch target is "2028"

  Scenario: A note records a fact that changes nothing else
    When I type `missions record ISS noted --on 2022-03-02 --source "SpaceNews" --summary "ISS operations went on as normal."`
    Then I am told the fact is recorded as noted for iss on 2022-03-02
    When I ask for the status of "ISS" on 2022-03-02
    Then its status is "operating"
    And its status has held since "../2022-02-24"
    And its last change dates from "../2022-02-24"
    And it rests on 5 facts

  Scenario: The recorded fact can be printed in full
    When I type `missions record exomars status-changed --status suspended --on 2022-03-17 --source "ESA" --source-title "ExoMars suspended" --source-date 2022-03-17 --source-url "https://www.esa.int/" --json`
    Then the recorded fact reads:
      | mission   | exomars                          |
      | version   | 7                                |
      | type      | StatusChanged                    |
      | kind      | status-changed                   |
      | occurred  | 2022-03-17                       |
      | earliest  | 2022-03-17                       |
      | latest    | 2022-03-17                       |
      | effective | -                                |
      | status    | suspended                        |
      | by party  | -                                |
      | summary   | The status changed to suspended. |
      | quote     | -                                |
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its sources are:
      | publication | title                                                                                      | author       | published  | url                                                                                                               |
      | SpaceNews   | Russia looks to China for collaboration in space but faces isolation over Ukraine invasion | Andrew Jones | 2022-03-01 | https://spacenews.com/russia-looks-to-china-for-collaboration-in-space-but-faces-isolation-over-ukraine-invasion/ |
      | ESA         | ExoMars suspended                                                                          | -            | 2022-03-17 | https://www.esa.int/                                                                                              |

  Scenario Outline: A fact dated only to a month or a year counts from its last day
    Given I have typed `missions record exomars status-changed --status suspended --on <on> --source "ESA"`
    When I ask for the status of "ExoMars" on <before>
    Then its status is "at_risk"
    When I ask for the status of "ExoMars" on <from>
    Then its status is "suspended"
    And its status has held since "<on>"
    And its last change dates from "<on>"

    Examples:
      | on              | before     | from       |
      | 2022-03-17      | 2022-03-16 | 2022-03-17 |
      | 2022-03         | 2022-03-30 | 2022-03-31 |
      | 2022            | 2022-12-30 | 2022-12-31 |
      | 2022-03/2022-04 | 2022-04-29 | 2022-04-30 |

  Scenario Outline: A mission can be named by any of its names
    When I type `missions record "<name>" noted --on 2022-03-01 --source "SpaceNews" --summary "Named as <name>."`
    Then I am told the fact is recorded as noted for <slug> on 2022-03-01

    Examples:
      | name                                 | slug         |
      | Chang'e 6                            | change-6     |
      | CE-6                                 | change-6     |
      | chang’e-7                            | change-7     |
      | Luna-27                              | luna-27      |
      | LUNA 27                              | luna-27      |
      | International Lunar Research Station | ilrs         |
      | Rosalind Franklin                    | exomars      |
      | venera d                             | venera-d     |
      | Soyuz at Kourou                      | soyuz-kourou |

  Scenario: A new mission is registered, then its story is recorded
    When I type `missions register luna-25 --name "Luna 25" --alias "Luna-Glob" --on 2023-08-10 --source "Roscosmos"`
    Then I am told "Registered Luna 25 as luna-25."
    When I type `missions record luna-glob status-changed --status launched --on 2023-08-10 --source "Roscosmos"`
    Then I am told the fact is recorded as status-changed for luna-25 on 2023-08-10
    When I type `missions record "Luna 25" status-changed --status failed --on 2023-08-19 --source "Roscosmos" --summary "Luna 25 crashed into the Moon."`
    Then I am told the fact is recorded as status-changed for luna-25 on 2023-08-19
    When I ask for the status of "Luna 25" on 2023-08-15
    Then it is "luna-25", named "Luna 25"
    And its status is "launched"
    When I ask for the status of "Luna 25" on 2023-08-19
    Then its status is "failed"
    When I read the log of "luna-25"
    Then entry 1 of the log reads:
      | kind    | registered                     |
      | name    | Luna 25                        |
      | summary | Luna 25 is tracked as luna-25. |

  Scenario: A newly registered mission has nothing known of it yet
    Given I have typed `missions register mars-sample-return --name "Mars Sample Return" --alias MSR --on 2022 --source "NASA"`
    When I ask for the status of "MSR" on 2022-12-31
    Then it is "mars-sample-return", named "Mars Sample Return"
    And nothing is recorded of it but its registration

  Scenario: Who brought a status about
    When I type `missions record exomars status-changed --status suspended --by-party esa --on 2022-03-17 --source "ESA" --summary "ESA suspended the ExoMars cooperation with Roscosmos."`
    Then I am told the fact is recorded as status-changed for exomars on 2022-03-17
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its status is "suspended"
    And its status was brought about by "esa"
    When I type `missions status exomars --at 2022-03-17`
    Then I see:
      """
      ExoMars (exomars) on 2022-03-17
        Status:         suspended since 2022-03-17 (by esa)
        Launch target:  2022-09
        Last change:    2022-03-17
        Partners:
          PARTNER    ROLE     STANDING  CONTRIBUTIONS
          esa        lead     active
          roscosmos  partner  active
        Sources:
          SpaceNews, "Russia looks to China for collaboration in space but faces isolation over Ukraine invasion", Andrew Jones, 2022-03-01
            https://spacenews.com/russia-looks-to-china-for-collaboration-in-space-but-faces-isolation-over-ukraine-invasion/
          ESA
      """

  Scenario: A partner's contribution and the milestones of a flight
    Once a mission has a launch milestone, its status says when it launched, and
    its launch target steps aside (a landing milestone says when it landed).

    Given I have typed `missions record change-6 partner-joined --partner esa --role contributor --on ../2024-05-03 --source "ESA" --summary "ESA took part in Chang'e-6."`
    And I have typed `missions record change-6 contribution-added --partner esa --contribution "the NILS negative ion detector" --on ../2024-05-03 --source "ESA" --summary "ESA supplied the Negative Ions at the Lunar Surface instrument."`
    And I have typed `missions record change-6 status-changed --status launched --on 2024-05-03 --source "CNSA"`
    And I have typed `missions record change-6 milestone --milestone launch --detail "on a Long March 5" --on 2024-05-03 --source "CNSA"`
    And I have typed `missions record change-6 milestone --milestone sample-return --detail "1,935.3 g of lunar samples" --on 2024-06-25 --source "CNSA"`
    And I have typed `missions record change-6 status-changed --status completed --on 2024-06-25 --source "CNSA"`
    When I type `missions status change-6 --at 2024-06-30`
    Then I see:
      """
      Chang'e-6 (change-6) on 2024-06-30
        Status:         completed since 2024-06-25
        Launched:       2024-05-03
        Last change:    2024-06-25
        Partners:
          PARTNER    ROLE         STANDING  CONTRIBUTIONS
          cnsa       lead         active
          roscosmos  partner      active
          esa        contributor  active    the NILS negative ion detector
        Milestones:
          2024-05-03  launch: on a Long March 5
          2024-06-25  sample-return: 1,935.3 g of lunar samples
        Sources:
          SpaceNews, "Russia looks to China for collaboration in space but faces isolation over Ukraine invasion", Andrew Jones, 2022-03-01
            https://spacenews.com/russia-looks-to-china-for-collaboration-in-space-but-faces-isolation-over-ukraine-invasion/
          ESA
          CNSA
      """
    When I type `missions history change-6 --from 2024-01-01 --json`
    Then the changes surely within the range are, in the order of the world:
      | date       | subject   | from     | to            | detail                     |
      | 2024-05-03 | status    | planned  | launched      | -                          |
      | 2024-05-03 | milestone | -        | launch        | on a Long March 5          |
      | 2024-06-25 | milestone | -        | sample-return | 1,935.3 g of lunar samples |
      | 2024-06-25 | status    | launched | completed     | -                          |

  Scenario: A mission joins a programme
    Suppose that Chang'e-7 were counted among the missions of the ILRS.

    Given I have typed `missions record change-7 programme-joined --programme ilrs --on 2023 --source "Example" --summary "A hypothetical programme, to show how one is recorded."`
    When I type `missions status change-7 --at 2023-12-31`
    Then I see:
      """
      Chang'e-7 (change-7) on 2023-12-31
        Status:         planned since ../2022-03-01
        Launch target:  none recorded
        Programmes:     ilrs
        Last change:    2023
        Partners:
          PARTNER    ROLE     STANDING  CONTRIBUTIONS
          cnsa       lead     active
          roscosmos  partner  active
        Sources:
          SpaceNews, "Russia looks to China for collaboration in space but faces isolation over Ukraine invasion", Andrew Jones, 2022-03-01
            https://spacenews.com/russia-looks-to-china-for-collaboration-in-space-but-faces-isolation-over-ukraine-invasion/
          Example
      """

  Scenario: A fact announced on one day takes effect on another
    On 26 July 2022 Russia said it would leave the International Space Station after
    2024: the withdrawal is announced in 2022 and in effect in 2025.

    Given I have typed `missions record iss partner-withdrawn --partner roscosmos --by-party roscosmos --on 2022-07-26 --effective 2025 --source "Example" --summary "Roscosmos said it would leave the ISS after 2024."`
    When I ask for the status of "ISS" on 2022-12-31
    Then the standing of "roscosmos" is "active"
    And its last change dates from "../2022-02-24"
    When I ask for the status of "ISS" on 2025-12-31
    Then the standing of "roscosmos" is "withdrawn"
    And its last change dates from "2025"
    When I type `missions history iss --from 2022-03-02 --json`
    Then the changes are, in the order of the world:
      | date       | subject | partner   | from   | to        | by party  | announced | occurred   | effective |
      | 2022-07-26 | partner | roscosmos | active | withdrawn | roscosmos | True      | 2022-07-26 | 2025      |
      | 2025       | partner | roscosmos | active | withdrawn | roscosmos | False     | 2022-07-26 | 2025      |
