Feature: Uncertain dates
  Many facts are known only to a month, a year or a span of days: the ILRS roadmap
  came out in June 2021, so the station was proposed, and its partners known, on or
  before that month; and the article places the Sino-Russian agreements on Luna 27
  and the Chang'e missions only "in recent years", so on or before 1 March 2022. On a
  day within such a span a fact may or may not have happened yet. It does not count
  then, but it is not hidden either: the answer lists it under `uncertain`. Notes and
  registrations change nothing, so they are never listed.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Scenario: On 10 June 2021 the ILRS roadmap of June 2021 may or may not be out yet
    The roadmap dates its launch target to June 2021. That the station was proposed,
    and by whom, is known only to be true by the end of June 2021: it may have been
    so for years.

    When I ask for the status of "International Lunar Research Station" on 2021-06-10
    Then nothing is known of it yet
    And it is uncertain of:
      | kind                  | occurred   | earliest   | latest     | summary                                                                                                                                                                      |
      | status-changed        | ../2021-06 | 0001-01-01 | 2021-06-30 | The joint lunar research station was proposed by June 2021, when a roadmap for it came out; the article does not say since when.                                             |
      | partner-joined        | ../2021-06 | 0001-01-01 | 2021-06-30 | China is one of the two countries of the proposed joint ILRS, a part it had by the June 2021 roadmap at the latest.                                                          |
      | partner-joined        | ../2021-06 | 0001-01-01 | 2021-06-30 | Russia is one of the two countries of the proposed joint ILRS, a part it had by the June 2021 roadmap at the latest.                                                         |
      | launch-target-changed | 2021-06    | 2021-06-01 | 2021-06-30 | The roadmap plans several launches on new super heavy-lift rockets, which Russia and China are each to build, in the early 2030s: no years are given, so 2030 to about 2034. |

  Scenario: The same answer, for people to read
    The facts that may or may not have happened yet are summed up in a line, which
    says how to list them.

    When I type `missions status ilrs --at 2021-06-10`
    Then I see:
      """
      International Lunar Research Station (ilrs) on 2021-06-10
        Nothing recorded by 2021-06-10: not known before then.
        Uncertain:      4 facts may or may not have happened by 2021-06-10 (--uncertain lists them)
      """
    When I type `missions status ilrs --at 2021-06-10 --uncertain`
    Then I see:
      """
      International Lunar Research Station (ilrs) on 2021-06-10
        Nothing recorded by 2021-06-10: not known before then.
        Uncertain on 2021-06-10 (may or may not have happened yet):
          ../2021-06  status-changed: The joint lunar research station was proposed by June 2021, when a roadmap for it came out; the article does not say since when.
          ../2021-06  partner-joined: China is one of the two countries of the proposed joint ILRS, a part it had by the June 2021 roadmap at the latest.
          ../2021-06  partner-joined: Russia is one of the two countries of the proposed joint ILRS, a part it had by the June 2021 roadmap at the latest.
          2021-06  launch-target-changed: The roadmap plans several launches on new super heavy-lift rockets, which Russia and China are each to build, in the early 2030s: no years are given, so 2030 to about 2034.
      """

  Scenario: On 30 June 2021 the roadmap applies
    When I ask for the status of "ILRS" on 2021-06-30
    Then its status is "proposed"
    And its launch target is "2030/2034~"
    And its partners are:
      | partner   | role | standing |
      | cnsa      | lead | active   |
      | roscosmos | lead | active   |
    And nothing about it is uncertain

  Scenario Outline: Until the last day of June 2021 the proposal is uncertain, and in June the roadmap's launch target too
    When I ask for the status of "ILRS" on <day>
    Then it rests on <facts> facts
    And it is uncertain of <uncertain> facts

    Examples:
      | day        | facts | uncertain |
      | 2020-01-01 | 0     | 3         |
      | 2021-05-31 | 0     | 3         |
      | 2021-06-01 | 0     | 4         |
      | 2021-06-29 | 0     | 4         |
      | 2021-06-30 | 5     | 0         |

  Scenario: On 25 February 2022 the agreements on Luna 27 may or may not have been made
    When I ask for the status of "Luna 27" on 2022-02-25
    Then nothing is known of it yet
    And it is uncertain of:
      | kind           | occurred      | summary                                                                |
      | partner-joined | ../2022-03-01 | Russia leads Luna 27.                                                  |
      | status-changed | ../2022-03-01 | Luna 27 is an upcoming mission, the subject of cooperation agreements. |
      | partner-joined | ../2022-03-01 | In recent years Russia and China agreed to cooperate on Luna 27.       |

  Scenario Outline: Luna 27 and the Chang'e missions, the day after the invasion and the day of the article
    When I ask for the status of "<mission>" on 2022-02-25
    Then nothing is known of it yet
    And it is uncertain of 3 facts
    When I ask for the status of "<mission>" on 2022-03-01
    Then its status is "planned"
    And nothing about it is uncertain

    Examples:
      | mission   |
      | Luna 27   |
      | Chang'e-6 |
      | Chang'e-7 |

  Scenario: The same answer for Chang'e-6, for people to read
    When I type `missions status "Chang'e-6" --at 2022-02-25 --uncertain`
    Then I see:
      """
      Chang'e-6 (change-6) on 2022-02-25
        Nothing recorded by 2022-02-25: not known before then.
        Uncertain on 2022-02-25 (may or may not have happened yet):
          ../2022-03-01  partner-joined: China leads Chang'e-6.
          ../2022-03-01  status-changed: Chang'e-6 is an upcoming mission, the subject of cooperation agreements.
          ../2022-03-01  partner-joined: In recent years China and Russia agreed to cooperate on Chang'e-6.
      """

  Scenario: On 28 February 2022 NASA may or may not have been left out of Venera-D yet
    Rogozin's word is dated from 24 February to 1 March 2022: until 1 March, NASA is
    still a prospective partner, and its withdrawal is uncertain.

    When I ask for the status of "Venera-D" on 2022-02-28
    Then its status is "delayed"
    And the standing of "nasa" is "prospective"
    And it is uncertain of:
      | kind              | occurred              | earliest   | latest     |
      | partner-withdrawn | 2022-02-24/2022-03-01 | 2022-02-24 | 2022-03-01 |

  Scenario: A note is never uncertain, since it changes nothing
    The article's note on the ILRS is dated from 24 February to 1 March 2022.

    When I ask for the status of "ILRS" on 2022-02-28
    Then it rests on 5 facts
    And nothing about it is uncertain

  Scenario: A fact recorded by hand with a date known only to the month
    Given I have typed `missions record exomars status-changed --status suspended --on 2022-03 --source "ESA"`
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its status is "at_risk"
    And it is uncertain of:
      | kind           | occurred | earliest   | latest     |
      | status-changed | 2022-03  | 2022-03-01 | 2022-03-31 |
    When I ask for the status of "ExoMars" on 2022-03-31
    Then its status is "suspended"
    And nothing about it is uncertain
