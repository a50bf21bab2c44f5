#!/usr/bin/env bash
# A downstream system with curl (issue 15 §5). Locally the token comes from the provider in
# `npm start`; give your own client id and secret (the console's 接口客户端 page):
#   TOKEN=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials -d scope=catalog/read \
#     http://localhost:3000/oidc/token | jq -r .access_token)
set -euo pipefail
API=${API:-http://localhost:3000}
auth=(-H "Authorization: Bearer $TOKEN")

echo '1. What is published now (the ETag is the release):'
curl -sS -D - -o /dev/null "${auth[@]}" "$API/v1/catalog/price-items?limit=1" | grep -i '^etag'

echo '2. The COVID-19 PCR test price on 10 May 2022, as the newest release says:'
curl -sS "${auth[@]}" "$API/v1/catalog/price-items/250403100010000?on=2022-05-10"
echo

echo '3. The change feed from the start, one release a page (summary only):'
curl -sS "${auth[@]}" "$API/v1/releases?after=0&limit=1&include=summary"
echo

echo '4. Tell me of every new release (the secret is shown once; keep it):'
curl -sS "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"url\":\"${HOOK_URL:-http://127.0.0.1:9000/hook}\",\"events\":[\"release.published\"]}" "$API/v1/webhooks"
echo
