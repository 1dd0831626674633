Feature: The event log
  Nothing is ever updated in place: every change to a mission is a fact recorded for
  good, with when it happened in the world, when it was recorded, what it changed and
  who reported it. The log lists a mission's facts in the order they were recorded.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Scenario: The log of Venera-D tells its story in six facts
    When I read the log of "Venera-D"
    Then the log reads, in the order recorded:
      | version | type             | kind              | occurred              | summary                                                                                                                                     |
      | 1       | Registered       | registered        | ../2022-02-24         | Venera-D is a Russian mission to Venus.                                                                                                     |
      | 2       | PartnerJoined    | partner-joined    | ../2022-02-24         | Russia leads the Venera-D mission to Venus.                                                                                                 |
      | 3       | PartnerJoined    | partner-joined    | ../2022-02-24         | American and Russian scientists had discussed a possible role for NASA on Venera-D.                                                         |
      | 4       | StatusChanged    | status-changed    | ../2022-02-24         | Venera-D had gone through extensive delays.                                                                                                 |
      | 5       | PartnerWithdrawn | partner-withdrawn | 2022-02-24/2022-03-01 | After the invasion of Ukraine, Rogozin said the United States could have no part in Venera-D any more, which ended NASA's prospective role. |
      | 6       | Noted            | noted             | 2022-02-24/2022-03-01 | The article expects that missions like Venera-D might turn to China instead of the United States; it names no Chinese part in Venera-D.     |

  Scenario: Each date is given with the earliest and the latest day it can stand for
    When I read the log of "ILRS"
    Then the log reads, in the order recorded:
      | kind                  | occurred              | earliest   | latest     |
      | registered            | ../2021-06            | 0001-01-01 | 2021-06-30 |
      | status-changed        | ../2021-06            | 0001-01-01 | 2021-06-30 |
      | partner-joined        | ../2021-06            | 0001-01-01 | 2021-06-30 |
      | partner-joined        | ../2021-06            | 0001-01-01 | 2021-06-30 |
      | launch-target-changed | 2021-06               | 2021-06-01 | 2021-06-30 |
      | noted                 | 2022-02-24/2022-03-01 | 2022-02-24 | 2022-03-01 |

  Scenario: Each entry carries what the fact changed
    When I read the log of "ExoMars"
    Then the log reads, in the order recorded:
      | kind                  | partner   | role    | standing | status  | target  |
      | registered            | -         | -       | -        | -       | -       |
      | partner-joined        | esa       | lead    | active   | -       | -       |
      | partner-joined        | roscosmos | partner | active   | -       | -       |
      | status-changed        | -         | -       | -        | planned | -       |
      | launch-target-changed | -         | -       | -        | -       | 2022-09 |
      | status-changed        | -         | -       | -        | at_risk | -       |

  Scenario: Each entry cites its source, and quotes it where a quote helps
    When I read the log of "ExoMars"
    Then entry 6 of the log reads:
      | kind     | status-changed |
      | occurred | 2022-02-28     |
      | status   | at_risk        |
      | quote    | very unlikely  |
    And entry 6 of the log cites:
      | publication | SpaceNews                                                                                                         |
      | title       | Russia looks to China for collaboration in space but faces isolation over Ukraine invasion                        |
      | author      | Andrew Jones                                                                                                      |
      | published   | 2022-03-01                                                                                                        |
      | url         | https://spacenews.com/russia-looks-to-china-for-collaboration-in-space-but-faces-isolation-over-ukraine-invasion/ |

  Scenario: A registration gives the mission's name and the other names people use
    When I read the log of "Luna 27"
    Then entry 1 of the log reads:
      | kind    | registered                                                                          |
      | slug    | luna-27                                                                             |
      | name    | Luna 27                                                                             |
      | summary | Luna 27 is a Russian mission, one of those Russia and China agreed to cooperate on. |
    And the log has 4 entries

  Scenario: Every entry has its own id and the time it was recorded
    When I read the log of "Soyuz at Kourou"
    Then the log has 5 entries
    And every entry has its own id and was recorded at a time in UTC

  Scenario: Scripts can rely on the fields of every entry
    When I read the log of "Venera-D"
    Then every entry has the fields id, mission, version, type, kind, occurred, earliest, latest, recorded at, summary, quote, source and effective, then those of its kind

  Scenario: A fact lists its sources: its own, then those of the reports that cite it
    Given I have typed `missions cite e5e05089 --source "ESA" --source-date 2022-02-28`
    When I read the log of "ExoMars"
    Then the log has 7 entries
    And entry 6 of the log has the sources:
      | publication | author       | published  |
      | SpaceNews   | Andrew Jones | 2022-03-01 |
      | ESA         | -            | 2022-02-28 |
    And entry 5 of the log has the sources:
      | publication | author       | published  |
      | SpaceNews   | Andrew Jones | 2022-03-01 |
    And entry 7 of the log reads:
      | kind  | cited                                |
      | cites | e5e05089-a174-5e21-bb65-c3b1991eabc4 |
    And entry 7 of the log has no sources of its own
    When I ask for the status of "ExoMars" on 2022-03-01
    Then its sources are:
      | publication | author       | published  |
      | SpaceNews   | Andrew Jones | 2022-03-01 |
      | ESA         | -            | 2022-02-28 |

  Scenario: A fact recorded later comes later in the log, whatever its date
    Given I have typed `missions record exomars status-changed --status delayed --on 2020-03-12 --source "ESA" --summary "ESA and Roscosmos postponed the launch of ExoMars from 2020 to 2022."`
    When I read the log of "ExoMars"
    Then the log has 7 entries
    And entry 7 of the log reads:
      | version  | 7                                                                    |
      | occurred | 2020-03-12                                                           |
      | status   | delayed                                                              |
      | summary  | ESA and Roscosmos postponed the launch of ExoMars from 2020 to 2022. |

  Scenario: The log can be read as one JSON object a line
    When I type `missions log ILRS --ndjson`
    Then I see 6 lines, each one entry of the log of ilrs

  Scenario: The log of an unknown mission is refused
    When I type `missions log "Venera D2"`
    Then I am refused with exit code 2
    And the error reads "Error: unknown mission 'Venera D2'; did you mean: venera-d?"
