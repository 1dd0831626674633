Feature: Seeding from the article
  The tracker starts from what SpaceNews reported on 1 March 2022, in "Russia looks
  to China for collaboration in space but faces isolation over Ukraine invasion" by
  Andrew Jones: 39 dated facts about eight missions and programmes, from ExoMars and
  Venera-D to the International Lunar Research Station. `missions seed --only article`
  records them once; seeding again adds nothing. (`missions seed` then adds the packs
  of what happened next: `following_the_story.feature` tells that story.)

  Scenario: Before seeding, no mission is tracked
    Given a tracker with no missions yet
    When I type `missions status exomars --at 2022-03-01`
    Then I am refused with exit code 2
    And the error reads:
      """
      Error: unknown mission 'exomars'; no missions are tracked yet; run `missions seed` or `missions register`
      """

  Scenario: Seeding records the 39 facts of the article
    Given a tracker with no missions yet
    When I type `missions seed --only article`
    Then I am told "Recorded 39 of 39 facts from the article."

  Scenario: The article's eight missions and programmes are tracked, in its order
    Given the tracker holds the facts of the article of 1 March 2022
    When I list every mission on 2022-03-01
    Then the missions are, in order:
      | mission      | name                                 |
      | exomars      | ExoMars                              |
      | venera-d     | Venera-D                             |
      | luna-27      | Luna 27                              |
      | change-6     | Chang'e-6                            |
      | change-7     | Chang'e-7                            |
      | ilrs         | International Lunar Research Station |
      | soyuz-kourou | Soyuz at the Guiana Space Centre     |
      | iss          | International Space Station          |

  Scenario Outline: Each mission gets the facts the article gives about it
    Given the tracker holds the facts of the article of 1 March 2022
    When I read the log of "<mission>"
    Then the log has <facts> entries

    Examples:
      | mission      | facts |
      | exomars      | 6     |
      | venera-d     | 6     |
      | luna-27      | 4     |
      | change-6     | 4     |
      | change-7     | 4     |
      | ilrs         | 6     |
      | soyuz-kourou | 5     |
      | iss          | 4     |

  Scenario Outline: Every seeded fact cites the article
    Given the tracker holds the facts of the article of 1 March 2022
    When I ask for the status of "<mission>" on 2022-03-01
    Then its sources are:
      | publication | author       | published  | url                                                                                                               |
      | SpaceNews   | Andrew Jones | 2022-03-01 | https://spacenews.com/russia-looks-to-china-for-collaboration-in-space-but-faces-isolation-over-ukraine-invasion/ |

    Examples:
      | mission      |
      | exomars      |
      | venera-d     |
      | luna-27      |
      | change-6     |
      | change-7     |
      | ilrs         |
      | soyuz-kourou |
      | iss          |

  Scenario: Seeding again adds nothing and leaves the store as it was
    Given the tracker holds the facts of the article of 1 March 2022
    When I type `missions seed --only article`
    Then I am told "Nothing to add: all 39 facts from the article are already recorded."
    And nothing has been written to the store

  Scenario: Seeding again keeps what was recorded by hand since
    Given the tracker holds the facts of the article of 1 March 2022
    And I have typed `missions record exomars status-changed --status suspended --on 2022-03-17 --source "ESA"`
    When I type `missions seed --only article`
    Then I am told "Nothing to add: all 39 facts from the article are already recorded."
    And nothing has been written to the store
    When I ask for the status of "ExoMars" on 2022-03-17
    Then its status is "suspended"
