"""The Jinja environment: autoescape on, StrictUndefined, templates from the site or the built-in ones."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path

import jinja2
from markupsafe import Markup

from site_builder.errors import ContentError


def make_environment(templates: Path, compiled: Path | None = None) -> jinja2.Environment:
    """`compiled`: a folder that keeps the compiled templates between builds (keyed by each template's source, so
    an edited template is compiled again): a rebuild that renders one page need not compile them all."""
    cache = None
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
        cache = jinja2.FileSystemBytecodeCache(str(compiled))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=cache,
        autoescape=True,  # every template, whatever its extension: sitemap and feeds carry user text too
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["article_item"] = _rendered_once(env, "_article_item.html", "item")
    return env


def _rendered_once(env: jinja2.Environment, template: str, name: str) -> Callable[[Hashable], Markup]:
    """A small template rendered once per distinct (frozen, hashable) view object: an article's list entry
    appears on its countries', organisations', people's, pair and year pages alike."""
    rendered: dict[Hashable, Markup] = {}

    def render(view: Hashable) -> Markup:
        html = rendered.get(view)
        if html is None:
            html = rendered[view] = Markup(render_template(env, template, **{name: view}))
        return html

    return render


def render_template(env: jinja2.Environment, name: str, **context: object) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as error:
        raise ContentError(f"{error.filename or name}:{error.lineno}: template syntax error: {error.message}",
                           hint="check the matching {% ... %} tags") from error
    except jinja2.TemplateNotFound as error:
        raise ContentError(f"template {name}: {error.name!r} is not in the templates folder",
                           hint="a site's templates folder replaces the built-in one whole") from error
    except jinja2.UndefinedError as error:
        raise ContentError(f"template {name}: {error.message}",
                           hint="did you forget to add this field to the view object, or misspell it?") from error
