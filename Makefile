# Les commandes du site. Chacune installe d'abord ce qui lui manque :
# l'environnement Python .venv et ses paquets (requirements.txt) ; les outils
# Node de package.json (npm ci), dont l'éditeur en ligne /admin/ (Decap CMS) que
# chaque construction copie dans le site ; pour les tests et la vérification,
# le navigateur Chromium et Java (paquets Debian).
#   make serve    aperçu sur http://localhost:8000, reconstruit à chaque enregistrement ;
#                 l'éditeur en ligne http://localhost:8000/admin/ modifie les fichiers ici
#   make test     tous les tests
#   make check    construit la version à publier et la vérifie (contenu, liens, HTML,
#                 accessibilité) ; output/ n'est remplacé que si tout est correct
#   make build    une construction dans output/ (gardé tel quel en cas d'erreur)
#   make publish  la version à publier (publishconf.py), SITEURL=https://… requis
#   make new-offer TITLE="Titre"  un nouvel atelier en brouillon, tous ses champs commentés
#   make schema   met à jour schemas/, la table des champs du guide et le formulaire
#                 de l'éditeur en ligne (plugins/web_editor/admin/config.yml)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PORT ?= 8000
CONTENT ?= content
OUTPUT ?= output
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

.PHONY: serve test check build publish clean browser java new-offer schema

serve: $(STAMP) $(NODE_STAMP)
	$(BIN)/invoke livereload --port $(PORT) --content $(CONTENT) --output $(OUTPUT)

test: $(STAMP) browser java $(NODE_STAMP)
	$(BIN)/pytest

check: $(STAMP) browser java $(NODE_STAMP)
	$(BIN)/invoke check

build: $(STAMP) $(NODE_STAMP)
	$(BIN)/invoke build --content $(CONTENT) --output $(OUTPUT)

publish: $(STAMP) $(NODE_STAMP)
	$(BIN)/invoke preview --output $(OUTPUT)

clean: $(STAMP)
	$(BIN)/invoke clean

new-offer: $(STAMP)
	@test -n "$(TITLE)" || { echo 'Indiquez le titre : make new-offer TITLE="Titre de l’atelier"'; exit 2; }
	$(BIN)/invoke new-offer "$(TITLE)"

schema: $(STAMP)
	$(BIN)/invoke schema

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Il faut Python 3.11 ou plus récent ($(PYTHON))."; exit 1; }
	@$(PYTHON) -m venv --clear $(VENV) 2>/dev/null || { \
		echo "Installation du paquet Debian python3-venv…"; \
		$(SUDO) apt-get update -qq && $(APT_INSTALL) python3-venv && \
		$(PYTHON) -m venv --clear $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# vnu-jar, axe-core, Lighthouse, Decap CMS and decap-server, exactly as
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
