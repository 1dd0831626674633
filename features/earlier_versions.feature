Feature: Records written by earlier versions
  What a user has stored or exported is forever. An export or a store written by an
  earlier version of missions imports, verifies clean and answers as that version did.
  How an event is sealed has changed twice: each event is checked by the scheme that
  sealed it, and nothing stored is ever sealed again. An event sealed today names its
  scheme; verify says how many events an older scheme sealed, and what it leaves out.

  Scenario: The export of the tracker of 2 December imports as it was sealed
    Given a tracker with no missions yet
    And the export that the tracker of commit 3341cf5 wrote, noted as [old export]
    When I type `missions import [old export]`
    Then I am told "Imported 41 of 41 events."

  Scenario: Verify says which older schemes sealed the events, and what they leave out
    Given a tracker with no missions yet
    And the export that the tracker of commit 3341cf5 wrote, noted as [old export]
    And I have typed `missions import [old export]`
    When I type `missions verify`
    Then I see:
      """
      Verified 41 events of 8 missions and 0 partners: every event loads, versions follow, the chain holds, the snapshots match.
      Sealed by an older scheme: 41 events, which name no scheme (2 by scheme 1, 39 by scheme 1 or 2, which seal them alike). Scheme 1 does not cover an event's schema version (class_version): a change to it would not show in 2 of them.
      """

  Scenario: An old export answers as the version that wrote it did
    Given a tracker with no missions yet
    And the export that the tracker of commit 3341cf5 wrote, noted as [old export]
    And I have typed `missions import [old export]`
    When I ask for the status of "ExoMars" on 2022-03-20
    Then its status is "at_risk"
    And its launch target is "2022-09-20"
    And its partners are:
      | partner   | role    | standing |
      | esa       | lead    | active   |
      | roscosmos | partner | active   |

  Scenario: Importing an old export again adds nothing
    Given a tracker with no missions yet
    And the export that the tracker of commit 3341cf5 wrote, noted as [old export]
    And I have typed `missions import [old export]`
    When I type `missions import [old export]`
    Then I am told "Nothing to add: all 41 events are already in the store."

  Scenario: A store sealed today names no older scheme
    Given the tracker holds the facts of the article of 1 March 2022
    When I type `missions verify`
    Then I see:
      """
      Verified 57 events of 8 missions and 18 partners: every event loads, versions follow, the chain holds, the snapshots match.
      """
