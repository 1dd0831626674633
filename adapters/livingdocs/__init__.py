"""The living documentation: the specs in `features/` (`features`), marked by the
last test run's Cucumber report (`cucumber`), published as a web site (`site`,
`pages`, `markup`, `site_assets`).

May import only the standard library, its own modules, the shared adapter
modules and gherkin; never a store."""
