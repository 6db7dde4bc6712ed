#!/usr/bin/env bash
# Runs OwnersVote on http://localhost:5000 with the embedded SQLite store under data/ and the demo
# compound 景城品雅苑 (seeded on the first run; the demo accounts are printed at every start).
# Extra arguments go to the app, e.g. ./run.sh --Database:Provider=Postgres --ConnectionStrings:Default="Host=..."
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p data
dotnet restore src/OwnersVote.Web/OwnersVote.Web.csproj --locked-mode
exec dotnet run --project src/OwnersVote.Web/OwnersVote.Web.csproj -c Release --no-restore --no-launch-profile -- \
  --urls "http://localhost:5000" \
  --environment Production \
  --ConnectionStrings:Default="Data Source=$PWD/data/ownersvote.db" \
  --DataProtection:KeysPath="$PWD/data/keys" \
  --Log:Directory="$PWD/data/log" \
  --Log:KeyFile="$PWD/data/log.key" \
  --Documents:Directory="$PWD/data/documents" \
  --Log:PublicUrl="http://localhost:5000" \
  --Demo:CompoundKeyFile="$PWD/data/demo-compound.key" \
  --Demo:Seed=true \
  --Demo:SecondCompound=true \
  --Demo:PrintAccounts=true \
  --Demo:PublicUrl="http://localhost:5000" \
  "$@"
