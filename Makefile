# Les commandes du site. Chacune installe d'abord ce qui lui manque :
# l'environnement Python .venv et ce qu'il faut pour construire le site
# (requirements/build.txt) ; les outils Node de package.json (npm ci), dont
# l'éditeur en ligne /admin/ (Decap CMS) que chaque construction copie dans le
# site ; pour les tests et la vérification, leurs outils (requirements/test.txt),
# le navigateur Chromium et Java (paquets Debian).
#   make serve    aperçu sur http://localhost:8000, reconstruit à chaque enregistrement ;
#                 l'éditeur en ligne http://localhost:8000/admin/ modifie les fichiers ici
#   make test     tous les tests, et la relecture du code (ruff)
#   make test-fast  en moins d'une minute : les tests sans navigateur, ni Java, ni outil Node,
#                 ni site construit pour un seul test, ni nouvel interpréteur Python
#   make requirements  recalcule requirements/*.txt depuis requirements/*.in
#   make check    construit la version à publier et la vérifie (contenu, liens, HTML,
#                 accessibilité) ; output/ n'est remplacé que si tout est correct
#   make build    une construction dans output/ (gardé tel quel en cas d'erreur)
#   make publish  la version à publier (publishconf.py), SITEURL=https://… requis
#   make layout   réécrit les fichiers de content/ comme les écrit l'éditeur en ligne
#   make new-offer TITLE="Titre"  un nouvel atelier en brouillon, dans la mise en page de l’éditeur en ligne
#   make screenshots  des captures (PNG) des pages principales, sur téléphone et ordinateur,
#                 dans docs/captures/
#   make schema   met à jour schemas/, la table des champs du guide et le formulaire
#                 de l'éditeur en ligne (plugins/web_editor/admin/config.yml)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# The tool that writes requirements/*.txt, pinned like everything else.
PIP_TOOLS := pip-tools==7.6.2
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
NODE_STAMP := node_modules/.installed
PORT ?= 8000
CONTENT ?= content
OUTPUT ?= output
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

.PHONY: serve test test-fast lint check build publish clean browser java new-offer layout schema requirements screenshots

serve: $(STAMP) $(NODE_STAMP)
	$(BIN)/invoke serve --port $(PORT) --content $(CONTENT) --output $(OUTPUT)

# worksteal: a worker that runs out of tests takes some of the other's, so the
# loop does not end waiting on one worker's last long tests (5 s less here).
test: $(TEST_STAMP) browser java $(NODE_STAMP) lint
	$(BIN)/pytest -n auto --dist worksteal

# Under a minute on two cores. Left out (tests/conftest.py marks them by the
# fixtures, module and calls of each test): Chromium, Java, a Node tool run
# (axe-core, Lighthouse, Decap's serializer), a site built for one test (a
# Pelican build, an editor's command, the preview's build process) and a new
# Python interpreter. The tests of the three sites the session builds once (the
# real content, as published, the fixture content) stay. npm ci still installs
# Decap CMS, which every build copies into /admin/.
test-fast: $(TEST_STAMP) $(NODE_STAMP) lint
	$(BIN)/pytest -n auto --dist worksteal -m "not browser and not java and not node and not site and not python"

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

check: $(TEST_STAMP) browser java $(NODE_STAMP)
	$(BIN)/invoke check

build: $(STAMP) $(NODE_STAMP)
	$(BIN)/invoke build --content $(CONTENT) --output $(OUTPUT)

publish: $(STAMP) $(NODE_STAMP)
	$(BIN)/invoke publish --output $(OUTPUT)

clean: $(STAMP)
	$(BIN)/invoke clean

new-offer: $(STAMP) $(NODE_STAMP)
	@test -n "$(TITLE)" || { echo 'Indiquez le titre : make new-offer TITLE="Titre de l’atelier"'; exit 2; }
	$(BIN)/invoke new-offer "$(TITLE)"

layout: $(STAMP) $(NODE_STAMP)
	$(BIN)/invoke layout --content $(CONTENT)

schema: $(STAMP)
	$(BIN)/invoke schema

screenshots: $(TEST_STAMP) browser $(NODE_STAMP)
	$(BIN)/invoke screenshots

$(STAMP): requirements/build.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Il faut Python 3.11 ou plus récent ($(PYTHON))."; exit 1; }
	@$(PYTHON) -m venv --clear $(VENV) 2>/dev/null || { \
		echo "Installation du paquet Debian python3-venv…"; \
		$(SUDO) apt-get update -qq && $(APT_INSTALL) python3-venv && \
		$(PYTHON) -m venv --clear $(VENV); }
	$(PIP_INSTALL) -r requirements/build.txt
	@touch $@

$(TEST_STAMP): $(STAMP) requirements/test.txt
	$(PIP_INSTALL) -r requirements/test.txt
	@touch $@

# Every version pinned, with its hashes, from the short lists in requirements/*.in
# (kept as they are unless UPGRADE=1).
requirements: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	cd requirements && for name in build test; do \
		../$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links \
			$(if $(UPGRADE),--upgrade) --output-file $$name.txt $$name.in || exit 1; done

# vnu-jar, axe-core, Lighthouse and Decap CMS, exactly as
# package-lock.json pins them. Install
# scripts are skipped: vnu-jar's would download a Java runtime from GitHub;
# Java comes from Debian (target java).
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { \
		echo "Installation des paquets Debian nodejs et npm…"; \
		$(SUDO) apt-get update -qq && $(APT_INSTALL) nodejs npm; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# The Nu Html Checker (vnu.jar) needs Java 17 or later.
java:
	@command -v java >/dev/null || { \
		echo "Installation du paquet Debian default-jre-headless (Java)…"; \
		$(SUDO) apt-get update -qq && $(APT_INSTALL) default-jre-headless; }

# The browser tests use the system's Chromium (or the Chrome of GitHub's runner).
browser:
	@command -v chromium >/dev/null || command -v google-chrome >/dev/null || { \
		echo "Installation du paquet Debian chromium…"; \
		$(SUDO) apt-get update -qq && $(APT_INSTALL) chromium; }
