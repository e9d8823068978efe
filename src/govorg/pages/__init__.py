"""HTML pages for portals: the 领导之窗, a body's roster, an organisation, a person's career and
what a document changed. `views` turns registry answers into plain page data, `timeline` draws
SVG timelines, `render` fills the Jinja2 templates; the HTTP side is `govorg.api.html`."""
