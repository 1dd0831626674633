Feature: Partners and swaps
  Every mission has partners: agencies and companies, each in a role (lead, partner or
  contributor) and with a standing (active, prospective, suspended or withdrawn). When
  one partner takes another's place, the one who left stays on record as withdrawn.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Scenario: As the invasion of Ukraine began, NASA was in talks to take part in Venera-D
    When I ask for the status of "Venera-D" on 2022-02-24
    Then its status is "delayed"
    And its partners are:
      | partner   | name                                                 | role    | standing    |
      | roscosmos | Roscosmos                                            | lead    | active      |
      | nasa      | National Aeronautics and Space Administration (NASA) | partner | prospective |

  Scenario: After it, Russia ruled out the United States: NASA's prospective part ended
    The article expects that missions like Venera-D could now see Chinese collaboration
    in place of American involvement, but it names no Chinese part in Venera-D: China is
    no partner of it, only a note.

    When I ask for the status of "Venera-D" on 2022-03-01
    Then its status is "delayed"
    And its status has held since "../2022-02-24"
    And its last change dates from "2022-02-24/2022-03-01"
    And its partners are:
      | partner   | name                                                 | role    | standing  |
      | roscosmos | Roscosmos                                            | lead    | active    |
      | nasa      | National Aeronautics and Space Administration (NASA) | partner | withdrawn |

  Scenario: The log says who ended NASA's part in Venera-D, and what the article expects of China
    When I read the log of "Venera-D"
    Then entry 5 of the log reads:
      | kind     | partner-withdrawn                                                                                                                            |
      | occurred | 2022-02-24/2022-03-01                                                                                                                        |
      | partner  | nasa                                                                                                                                         |
      | by_party | roscosmos                                                                                                                                    |
      | summary  | After the invasion of Ukraine, Rogozin said the United States could have no part in Venera-D any more, which ended NASA's prospective role. |
      | quote    | could no longer feature U.S. involvement                                                                                                     |
    And entry 6 of the log reads:
      | kind     | noted                                                                                                                                       |
      | occurred | 2022-02-24/2022-03-01                                                                                                                       |
      | summary  | The article expects that missions like Venera-D might turn to China instead of the United States; it names no Chinese part in Venera-D. |
      | quote    | Other missions could now see Chinese collaboration in place of American involvement.                                                        |

  Scenario Outline: Russia and China cooperate on each other's Moon missions
    When I ask for the status of "<mission>" on 2022-03-01
    Then its partners are:
      | partner  | role    | standing |
      | <first>  | <role1> | active   |
      | <second> | <role2> | active   |

    Examples:
      | mission   | first     | role1 | second    | role2   |
      | Luna 27   | roscosmos | lead  | cnsa      | partner |
      | Chang'e-6 | cnsa      | lead  | roscosmos | partner |
      | Chang'e-7 | cnsa      | lead  | roscosmos | partner |
      | ILRS      | cnsa      | lead  | roscosmos | lead    |

  Scenario: A partner who joins is active unless said otherwise
    When I type `missions record "Rosalind Franklin" partner-joined --partner nasa --role contributor --on 2024-05-16 --source "ESA" --summary "ESA and NASA agreed that NASA would contribute to the ExoMars rover mission."`
    Then I am told the fact is recorded as partner-joined for exomars on 2024-05-16
    When I ask for the status of "ExoMars" on 2024-05-16
    Then its partners are:
      | partner   | role        | standing |
      | esa       | lead        | active   |
      | roscosmos | partner     | active   |
      | nasa      | contributor | active   |

  Scenario: A partner who takes another's place keeps its role unless said otherwise
    When I type `missions record exomars partner-replaced --partner roscosmos --by nasa --on 2024-05-16 --source "ESA" --summary "NASA agreed to supply what Roscosmos was to provide for the Rosalind Franklin rover."`
    Then I am told the fact is recorded as partner-replaced for exomars on 2024-05-16
    When I ask for the status of "ExoMars" on 2024-05-16
    Then its partners are:
      | partner   | role    | standing  |
      | esa       | lead    | active    |
      | roscosmos | partner | withdrawn |
      | nasa      | partner | active    |

  Scenario: A partner who takes another's place can be given a new role and standing
    When I type `missions record exomars partner-replaced --partner roscosmos --by nasa --role contributor --standing prospective --on 2022-11-23 --source "ESA" --summary "ESA looked to NASA for what Roscosmos was to provide."`
    Then I am told the fact is recorded as partner-replaced for exomars on 2022-11-23
    When I ask for the status of "ExoMars" on 2022-11-23
    Then its partners are:
      | partner   | role        | standing    |
      | esa       | lead        | active      |
      | roscosmos | partner     | withdrawn   |
      | nasa      | contributor | prospective |

  Scenario: A partner who withdrew stays on record, as withdrawn
    When I type `missions record exomars partner-withdrawn --partner roscosmos --on 2022-07-12 --source "ESA"`
    Then I am told the fact is recorded as partner-withdrawn for exomars on 2022-07-12
    When I ask for the status of "ExoMars" on 2022-07-11
    Then the standing of "roscosmos" is "active"
    When I ask for the status of "ExoMars" on 2022-07-12
    Then the standing of "roscosmos" is "withdrawn"
