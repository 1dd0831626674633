Feature: Following the story, a source at a time
  The article stops on 1 March 2022. What happened next comes in source packs: one
  file a source, naming the facts it reports, each with a key. `missions add` records
  a pack all at once or not at all, `--dry-run` shows what it would change without
  writing, and adding a pack again adds nothing. Edit a fact in a pack and add it
  again, and the fact is corrected: the original stays in the log. `missions seed`
  adds the article's facts, then the packs of 2022-2024 that ship with the tracker.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022
    And I note the time as [when we had only the article]

  Scenario: ESA's suspension of ExoMars, previewed before it is added
    When I type `missions add adapters/packs/data/2022-03-17-esa-exomars-suspended.toml --dry-run`
    Then I see:
      """
      Would add pack 2022-03-17-esa-exomars-suspended: 5 facts to add; 0 already recorded as it says.
        + exomars  2022-03-17  partner-standing-changed  [roscosmos-suspended]
        + exomars  2022-03-17  status-changed  [mission-suspended]
        + exomars  2022-03-17  launch-target-changed  [no-2022-launch]
        + exomars  2022-03-17  noted  [russian-share]
        + soyuz-kourou  2022-03-17  noted  [soyuz-missions-on-hold]
        exomars on 2022-03-17: status at_risk → suspended; launch target 2022-09 → -; roscosmos partner, active → partner, suspended
      """
    And nothing has been written to the store

  Scenario: ExoMars through 2022, as ESA's decisions are added
    Given I have typed `missions add adapters/packs/data/2022-03-17-esa-exomars-suspended.toml`
    And I have typed `missions add adapters/packs/data/2022-07-12-tass-exomars-cooperation-terminated.toml`
    When I ask for the status of "ExoMars" on 2022-03-01
    Then its status is "at_risk"
    When I ask for the status of "ExoMars" on 2022-03-18
    Then its status is "suspended"
    And its partners are:
      | partner   | role    | standing  | by party |
      | esa       | lead    | active    | -        |
      | roscosmos | partner | suspended | esa      |
    When I ask for the status of "ExoMars" on 2022-07-31
    Then its partners are:
      | partner   | role    | standing  | by party |
      | esa       | lead    | active    | -        |
      | roscosmos | partner | withdrawn | esa      |

  Scenario: Adding a pack again adds nothing
    Given I have typed `missions add adapters/packs/data/2022-03-17-esa-exomars-suspended.toml`
    When I type `missions add adapters/packs/data/2022-03-17-esa-exomars-suspended.toml`
    Then I am told "Added pack 2022-03-17-esa-exomars-suspended: nothing new; 5 already recorded as it says."
    And nothing has been written to the store

  Scenario: A fact edited in its pack is corrected, not added twice
    Given I have written the pack [my pack]:
      """
      pack = "reading-of-the-ilrs"

      [source]
      publication = "SpaceNews"
      title = "Venezuela signs up to China's moon base initiative"
      url = "https://spacenews.com/venezuela-signs-up-to-chinas-moon-base-initiative/"

      [[partners]]
      partner = "venezuela"
      name = "Venezuela"
      kind = "country"
      country = "VE"

      [[facts]]
      key = "venezuela-joins"
      mission = "ilrs"
      kind = "partner-joined"
      on = "2023-07"
      partner = "venezuela"
      role = "partner"
      summary = "Venezuela joined the ILRS."
      """
    And I have typed `missions add [my pack]`
    And I note the time as [before the edit]
    And I have edited [my pack] so that its line `on = "2023-07"` reads `on = "2023-07-17"`
    When I type `missions add [my pack]`
    Then I see:
      """
      Added pack reading-of-the-ilrs: 1 fact corrected; 0 already recorded as it says.
        ~ ilrs  [venezuela-joins]  corrected: occurred
        ilrs on 2023-07-17: venezuela not a partner → partner, active
      """
    When I read the log of "ILRS"
    Then the log has 8 entries
    And entry 8 of the log corrects entry 7
    And entry 8 of the log changes the date to 2023-07-17
    When I read, as known at [before the edit], the log of "ILRS"
    Then the log has 7 entries

  Scenario: A pack with one bad fact adds nothing
    Given I have written the pack [a bad pack]:
      """
      pack = "half-good"

      [source]
      publication = "ESA"

      [[facts]]
      key = "good"
      mission = "exomars"
      kind = "status-changed"
      on = "2022-03-17"
      status = "suspended"

      [[facts]]
      key = "bad"
      mission = "exomars"
      kind = "partner-joined"
      on = "2022-03-18"
      partner = "roscosmos"
      role = "partner"
      """
    When I type `missions add [a bad pack]`
    Then I am refused with exit code 2
    And the error reads:
      """
      Error: [a bad pack]: line 18: bad: partner: roscosmos is already a partner of exomars on 2022-03-18 (partner, active); nothing was added
      """
    And nothing has been written to the store

  Scenario: The built-in packs tell the story; asked as known before them, the answers are the article's
    When I type `missions seed`
    Then I see:
      """
      Nothing to add: all 39 facts from the article are already recorded.
      Recorded 134 facts from 56 packs of what happened next (18 partners made known).
      """
    When I type `missions changes --from 2023-07-01 --to 2023-09-30 --json`
    Then the changes surely within the range are, by mission:
      | mission | date       | subject   | partner      | to       |
      | ilrs    | 2023-07-17 | partner   | venezuela    | active   |
      | ilrs    | 2023-09-01 | partner   | south-africa | active   |
      | luna-25 | 2023-08-10 | milestone | -            | launch   |
      | luna-25 | 2023-08-10 | status    | -            | launched |
      | luna-25 | 2023-08-19 | milestone | -            | failure  |
      | luna-25 | 2023-08-19 | status    | -            | failed   |
      | luna-25 | 2023-08-20 | note      | -            | -        |
    When I ask for the status of "Chang'e-6" on 2024-06-30
    Then its status is "completed"
    When I ask for the status of "ExoMars" on 2024-06-01
    Then its status is "planned"
    And its launch target is "2028"
    When I ask, as known at [when we had only the article], for the status of "ExoMars" on 2024-06-01
    Then its status is "at_risk"
    And its launch target is "2022-09"
