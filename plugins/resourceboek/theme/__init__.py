"""The booklet's own MkDocs theme `resourceboek-boekje` (templates only; its stylesheet and scripts
are in `assets/boekje/rb/`): a phone-first page with the booklet's buttons, no documentation theme.
Registered as an entry point; an organisation overrides its templates from `themes/boekje/`."""
