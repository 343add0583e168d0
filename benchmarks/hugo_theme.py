"""A minimal Hugo theme with the page kinds of our site that Hugo can make: home, article, a page per source,
section lists, taxonomy lists (countries, organisations, people, country pairs, years as a timeline), term
pages, RSS per term and section, 404 and sitemap. The article's <article> is Pagefind's body, so Pagefind
indexes the article pages, as our build does.

No "related articles" block: Hugo's `.Related` over 4 000 pages takes Hugo from about 4 s to about 10.5 s on
the 2-core machine, and the issue's reference figure (about 4 s) is without it. Our build does compute related
articles, so this makes Hugo the faster, stricter baseline.
"""

from __future__ import annotations

from pathlib import Path

CONFIG = """baseURL = "https://archive.example.org/"
languageCode = "en"
title = "Benchmark Archive"
theme = "bench"
disableHugoGeneratorInject = true
enableRobotsTXT = true

[taxonomies]
country = "countries"
organisation = "organisations"
person = "people"
pair = "pairs"
year = "years"
"""

BASEOF = """<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ with .Summary }}{{ . | plainify }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<nav><a href="/">Home</a> <a href="/countries/">Countries</a> <a href="/organisations/">Organisations</a>
<a href="/people/">People</a> <a href="/years/">Timeline</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
"""

SINGLE = """{{ define "main" }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ .Content }}
</article>
<aside>
{{ range $taxonomy, $_ := site.Taxonomies }}{{ with $.GetTerms $taxonomy }}
<h2>{{ $taxonomy | title }}</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ end }}{{ end }}
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</aside>
{{ end }}
"""

ARTICLE_LIST = """<ul>{{ range . }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 Jan 2006" }}</time>
<p>{{ .Summary | plainify }}</p></li>{{ end }}
</ul>"""

LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ partial "articles.html" .Pages }}
{{ end }}
"""

TAXONOMY = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>
{{ end }}
"""

TERM = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ partial "articles.html" .Pages }}
{{ end }}
"""

HOME = """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<h2>Latest</h2>
{{ partial "articles.html" (first 20 site.RegularPages) }}
<h2>Countries</h2>
<ul>{{ range site.Taxonomies.countries.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
<h2>Organisations</h2>
<ul>{{ range site.Taxonomies.organisations.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul>
{{ end }}
"""

SOURCE = """{{ define "main" }}
<h1>Source {{ .Title }}</h1>
{{ .Content }}
{{ end }}
"""

NOT_FOUND = """{{ define "main" }}<h1>Page not found</h1>{{ end }}
"""

LAYOUTS = {
    "_default/baseof.html": BASEOF,
    "_default/single.html": SINGLE,
    "_default/list.html": LIST,
    "_default/taxonomy.html": TAXONOMY,
    "_default/term.html": TERM,
    "sources/single.html": SOURCE,
    "partials/articles.html": ARTICLE_LIST,
    "index.html": HOME,
    "404.html": NOT_FOUND,
}


def write_theme(site: Path) -> None:
    site.mkdir(parents=True, exist_ok=True)
    (site / "config.toml").write_text(CONFIG, encoding="utf-8")
    layouts = site / "themes" / "bench" / "layouts"
    for name, text in LAYOUTS.items():
        path = layouts / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
