#!/bin/sh
# Build OpenSEND's front-end assets into opensend/static/ (output is committed,
# so running the app and CI need only pip, not node).
#   cd frontend && npm ci && npm run build
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
STATIC="$HERE/../opensend/static"
GOVUK="$HERE/node_modules/govuk-frontend/dist/govuk"

if [ ! -d "$GOVUK" ]; then
  echo "govuk-frontend not installed: run 'npm ci' in frontend/ first" >&2
  exit 1
fi

mkdir -p "$STATIC/css" "$STATIC/js" "$STATIC/images"

# CSS (compressed, no source map: the committed file should be reproducible)
"$HERE/node_modules/.bin/sass" \
  --load-path="$HERE/node_modules" \
  --style=compressed \
  --no-source-map \
  --quiet-deps \
  "$HERE/src/opensend.scss" "$STATIC/css/opensend.css"

# JS: the ES module bundle (loaded with <script type="module">)
cp "$GOVUK/govuk-frontend.min.js" "$STATIC/js/govuk-frontend.min.js"

# Images: favicons / touch icons. No fonts (we use Arial).
# govuk-crest.svg is not shown by our templates (no crown branding), but the
# compiled CSS references it (.govuk-footer__copyright-logo) and Django's
# ManifestStaticFilesStorage fails collectstatic on a missing url() target.
for f in govuk-crest.svg favicon.ico favicon.svg govuk-icon-mask.svg govuk-icon-180.png govuk-icon-192.png govuk-icon-512.png; do
  if [ -f "$GOVUK/assets/images/$f" ]; then
    cp "$GOVUK/assets/images/$f" "$STATIC/images/$f"
  fi
done
# Older releases kept rebranded images separately.
if [ -d "$GOVUK/assets/rebrand/images" ]; then
  cp "$GOVUK"/assets/rebrand/images/* "$STATIC/images/"
fi

# Web app manifest, with icon paths rewritten for Django's /static/images/
if [ -f "$GOVUK/assets/manifest.json" ]; then
  sed 's#"images/#"/static/images/#g' "$GOVUK/assets/manifest.json" > "$STATIC/images/manifest.json"
fi

# Sanity checks: nothing may point at /assets/ or at font files
CSS="$STATIC/css/opensend.css"
if grep -q '/assets/' "$CSS"; then
  echo "ERROR: $CSS references /assets/" >&2; exit 1
fi
if grep -Eqi '\.woff2?|@font-face' "$CSS"; then
  echo "ERROR: $CSS references font files" >&2; exit 1
fi

echo "Built:"
ls -l "$CSS" "$STATIC/js/govuk-frontend.min.js" "$STATIC"/images/*
