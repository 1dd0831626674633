Feature: Suspensions
  A partner can suspend its part in a mission without leaving it, and a whole mission
  or service can be suspended. On 26 February 2022 Roscosmos said it was suspending
  its cooperation with European partners on launches from French Guiana, while
  operations of the International Space Station went on as normal. The article does
  not name those partners, so Roscosmos is the only partner on record there.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Scenario Outline: Russian launches from French Guiana stopped on 26 February 2022
    When I ask for the status of "Soyuz at Kourou" on <day>
    Then its status is "<status>"
    And its status has held since "<since>"
    And its last change dates from "<since>"
    And the standing of "roscosmos" is "<roscosmos>"

    Examples:
      | day        | status    | since         | roscosmos |
      | 2022-02-25 | operating | ../2022-02-24 | active    |
      | 2022-02-26 | suspended | 2022-02-26    | suspended |
      | 2022-03-01 | suspended | 2022-02-26    | suspended |

  Scenario: The suspended partner stays in the mission, in its role
    When I ask for the status of "Soyuz from French Guiana" on 2022-03-01
    Then it is "soyuz-kourou", named "Soyuz at the Guiana Space Centre"
    And its partners are:
      | partner   | role    | standing  |
      | roscosmos | partner | suspended |

  Scenario: Cooperation with Russia on the International Space Station goes on
    When I ask for the status of "International Space Station" on 2022-03-01
    Then its status is "operating"
    And the standing of "roscosmos" is "active"

  Scenario Outline: ESA suspended, then ended, its cooperation with Roscosmos on ExoMars
    Given I have typed `missions record exomars partner-standing-changed --partner roscosmos --standing suspended --on 2022-03-17 --source "ESA"`
    And I have typed `missions record exomars status-changed --status suspended --on 2022-03-17 --source "ESA"`
    And I have typed `missions record exomars partner-withdrawn --partner roscosmos --on 2022-07-12 --source "ESA"`
    When I ask for the status of "ExoMars" on <day>
    Then its status is "<status>"
    And the standing of "roscosmos" is "<roscosmos>"

    Examples:
      | day        | status    | roscosmos |
      | 2022-03-16 | at_risk   | active    |
      | 2022-03-17 | suspended | suspended |
      | 2022-07-11 | suspended | suspended |
      | 2022-07-12 | suspended | withdrawn |

  Scenario: A suspension can be lifted
    Suppose that Roscosmos took up its part again some time in 2030.

    Given I have typed `missions record soyuz-kourou partner-standing-changed --partner roscosmos --standing active --on 2030 --source "Example" --summary "A hypothetical resumption, to show how one is recorded."`
    When I ask for the status of "soyuz-kourou" on 2030-12-31
    Then the standing of "roscosmos" is "active"
    When I ask for the status of "soyuz-kourou" on 2030-12-30
    Then the standing of "roscosmos" is "suspended"

  Scenario: Only a partner of the mission can be suspended
    When I type `missions record soyuz-kourou partner-standing-changed --partner nasa --standing suspended --on 2022-02-26 --source "Example"`
    Then I am refused with exit code 1
    And the error reads "Error: nasa is not a partner of soyuz-kourou on 2022-02-26; record partner-joined first"
    And nothing has been written to the store
