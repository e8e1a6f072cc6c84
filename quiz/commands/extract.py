"""``quiz extract DOCUMENT [-o FILE] [--blanks N]``: draft a deck from a plain-text, Markdown
or HTML document."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``extract`` subcommand."""
    parser = sub.add_parser(
        "extract", parents=[common], help="draft a deck from a text, Markdown or HTML document",
        description="Read a plain-text, Markdown (.md) or HTML (.html) document in UTF-8 and "
        "draft a deck from it: a statement from each sentence that holds a date, a figure or a "
        "name, with its most testable values as {{blanks}}; a sentence with more values than "
        "one statement's blanks is cut into clauses that stand alone, or written again with "
        "the next values blanked. Headings give the title and "
        "sections; wrapped lines, markup, images, code, page furniture, photo captions and "
        "mojibake are dealt with first. The draft validates; prune and reword it before "
        "studying. Without -o the YAML is printed.")
    parser.add_argument("document", metavar="DOCUMENT",
                        help="a .txt, .md or .html file (UTF-8); other names are read as plain text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the deck to FILE (.yaml)")
    parser.add_argument("--title", help="the deck's title (default: the document's own title)")
    parser.add_argument("--id", dest="deck_id", metavar="ID",
                        help="the deck's id (default: the output file's name, else the document's)")
    parser.add_argument("--blanks", metavar="N",
                        help="blanks in one statement at most, 1 to 9 (default: 2), the most "
                        "testable first: dates and figures, then names")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run(args: argparse.Namespace) -> int:
    """Draft the deck, check that it loads, and write or print it."""
    import tempfile
    from pathlib import Path

    from quiz.cli import UserError
    from quiz.deck import ID_RE, describe, load_deck
    from quiz.extract import MAX_BLANKS, draft_deck, slug, to_yaml
    from quiz.facts import DeckError
    from quiz.files import data_stdout, write_text_atomic

    blanks = MAX_BLANKS
    if args.blanks is not None:
        if not args.blanks.strip().isdigit() or not 1 <= int(args.blanks) <= 9:
            raise UserError(f"--blanks {args.blanks}: expected a whole number of blanks from 1 to 9")
        blanks = int(args.blanks)
    document = Path(args.document)
    text = read_document(document)
    output = Path(args.output) if args.output else None
    if output is not None and output.suffix not in (".yaml", ".yml"):
        raise UserError(f"{output}: a deck file ends in .yaml; name the output e.g. decks/{output.stem}.yaml")
    if output is not None and output.exists() and not args.force:
        raise UserError(f"{output} already exists; choose another name or add --force to replace it")
    deck_id = args.deck_id or slug((output or document).stem) or "draft"
    if not ID_RE.match(deck_id):
        raise UserError(f"deck id `{deck_id}` may hold only letters, digits, `-`, `_` and `.`")
    draft = draft_deck(text, document=document.name, deck_id=deck_id, title=args.title,
                       blanks=blanks)
    if not draft.facts:
        raise UserError(f"{document}: found no sentence with a date, a figure or a name to draft")
    yaml_text = to_yaml(draft)
    # The draft is loaded as any deck would be before anyone sees it: a draft that does not
    # validate is a bug here, and is reported as such rather than written.
    with tempfile.TemporaryDirectory(prefix="quiz-extract-") as folder:
        trial = Path(folder) / f"{deck_id}.yaml"
        trial.write_text(yaml_text, encoding="utf-8")
        try:
            deck = load_deck(trial)
        except DeckError as exc:
            raise UserError(f"the draft of {document} does not validate (a bug in quiz extract): "
                            f"{exc.problems[0].message}") from None
    if output is None:
        with data_stdout() as out:  # the draft is a file's content
            out.write(yaml_text)
        return 0
    try:
        if output.parent != Path(""):
            output.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(output, yaml_text)
    except OSError as exc:
        raise UserError(f"{output}: cannot be written: {exc.strerror or exc}") from None
    print(f"{output}: drafted {describe(deck)}")
    print(f"prune it, then check it with `quiz validate --strict {output}`")
    return 0


def read_document(path: object) -> str:
    """The text of a UTF-8 document; `UserError` saying why it cannot be read."""
    from pathlib import Path

    from quiz.cli import UserError
    from quiz.files import UnreadableText, read_utf8

    try:
        return read_utf8(Path(str(path)), wanted="a plain text, Markdown or HTML document")
    except UnreadableText as exc:
        raise UserError(str(exc)) from None
