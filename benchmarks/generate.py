"""Realistic French content for the benchmarks: N documents, half offers
with a full front matter, half articles with headings, lists, quotations,
figures and links to other documents, plus the pages every site has. Each
is shaped and sized as the site's own: an offer's text about 2 KB, an
article about 5 KB.

    .venv/bin/python benchmarks/generate.py DOSSIER [--documents 1000]
"""

import argparse
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Les professionnels du lien et du soin se retrouvent une fois par mois pour parler d'une situation vécue.",
    "Chacun peut y déposer ce qui l'a touché : une rencontre, un silence, une colère.",
    "Le groupe écoute, questionne, puis propose des hypothèses ; l'animatrice veille au cadre.",
    "Pourquoi cette situation revient-elle si souvent ? Que dit-elle de notre place ?",
    "Il s'agit de \"prendre soin de soi pour prendre soin des autres\", selon les mots de l'équipe.",
    "En 2025, plus de 12000 professionnels ont rejoint un groupe de ce type, pour 1500 € par an en moyenne.",
    "La séance dure 1 h 30 -- parfois un peu plus -- et réunit huit personnes au plus.",
    "Le travail social est-il au cœur des métamorphoses de notre époque... ou à sa marge ?",
]


def offer(number, rng):
    others = [f"atelier-{other}" for other in rng.sample(range(1000), 2)]
    return {
        "title": f"Atelier numéro {number} : écoute et soutien",
        "summary": "Un temps régulier pour prendre du recul sur la relation d'aide et soutenir les professionnels.",
        "method": rng.choice(["Groupe Balint", "Co-développement", "Écriture", "Sophrologie"]),
        "audience": "Les professionnels du travail social, du soin et de l'enseignement, et leurs équipes.",
        "objectives": [rng.choice(SENTENCES) for _ in range(4)],
        "prerequisites": "Aucun lien hiérarchique entre les participants.",
        "modalities": {
            "duration": rng.choice(["1h30", "2h", "45 min"]), "frequency": "une séance par mois",
            "group_size": {"min": 6, "ideal": 8, "max": 10}, "format": "sur site, dans vos locaux",
            "commitment": "un an, renouvelable",
        },
        "price": rng.choice([{"amount": 250, "currency": "EUR", "unit": "per_session"}, {"on_quote": True}]),
        "principles": [rng.choice(SENTENCES) for _ in range(3)],
        "deliverables": ["Un bilan oral en fin d'année."],
        "evaluation": "Un bilan oral chaque année.",
        "order": number + 10,
        "propositions": [name for name in others if int(name.split("-")[1]) < number] or None,
    }


def paragraph(rng, sentences=5):
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def offer_body(rng):
    """Shaped as the real offers' texts (about 2 KB): an opening, then two
    sections with paragraphs, one with a list."""
    return "\n\n".join([
        paragraph(rng, 4),
        f"## La méthode\n\n{paragraph(rng)}",
        paragraph(rng, 3),
        f"## Le déroulement\n\n{paragraph(rng, 4)}",
        "\n".join(f"- {rng.choice(SENTENCES)}" for _ in range(3)),
    ])


def article(number, offers, rng):
    """Shaped as the real article (about 5 KB): five sections of paragraphs,
    a list, a quotation, links to offers and a list of sources."""
    links = " ".join(f"[l'atelier {other}]({{filename}}/ateliers/atelier-{other}.md)"
                     for other in rng.sample(range(offers), min(3, offers)))
    body = "\n\n".join([
        paragraph(rng),
        f"## Ce que disent les professionnels\n\n{paragraph(rng)}",
        paragraph(rng, 4),
        "\n".join(f"- {rng.choice(SENTENCES)}" for _ in range(4)),
        f"## Agir en amont plutôt que réparer\n\n{paragraph(rng)}",
        f"> {rng.choice(SENTENCES)}",
        f"## Être touché\n\n{paragraph(rng)}",
        paragraph(rng, 4),
        f"## Des lieux pour prendre de la distance\n\n{paragraph(rng)}",
        f"Voir aussi {links}.",
        "## Sources\n\n" + "\n".join(f"- *{rng.choice(SENTENCES)}*, revue du travail social, 2024." for _ in range(3)),
    ])
    return (f"---\ntitle: \"Article {number} : l'aller-vers et les émotions\"\n"
            f"date: 2025-{number % 12 + 1:02d}-{number % 28 + 1:02d}\n"
            f"summary: Ce que l'aller-vers change au travail social, et à ceux qui le pratiquent.\n---\n\n{body}\n")


def generate(folder, documents):
    """Write the content folder: the real site's pages and réglages, then the documents."""
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "ateliers").mkdir(parents=True)
    (folder / "ressources").mkdir()
    shutil.copytree(ROOT / "content" / "pages", folder / "pages")
    # The real site's réglages: a content folder brings its own (plugins/reglages).
    shutil.copy(ROOT / "content" / "reglages.yml", folder / "reglages.yml")
    # The real offers: the former site's page and their propositions name them.
    real = sorted((ROOT / "content" / "ateliers").glob("*.md"))
    for path in real:
        shutil.copy(path, folder / "ateliers")
    rng = random.Random(0)
    offers = documents // 2 - len(real)
    for number in range(offers):
        data = {key: value for key, value in offer(number, rng).items() if value is not None}
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / "ateliers" / f"atelier-{number}.md").write_text(f"---\n{dumped}---\n\n{offer_body(rng)}\n", encoding="utf-8")
    for number in range(documents - documents // 2):
        (folder / "ressources" / f"article-{number}.md").write_text(article(number, offers, rng), encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--documents", type=int, default=1000)
    options = parser.parse_args()
    generate(options.folder, options.documents)


if __name__ == "__main__":
    main()
