#!/usr/bin/env bash
# Brings every package's PublicAPI.Unshipped.txt up to date with its code: builds with the public API analyzer's
# findings as warnings, adds what RS0016 says is public but undeclared, and drops what RS0017 says is declared but
# gone. Review the diff: it is the change to what users get. Run from anywhere; needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Every packable library (the ones Directory.Build.targets tracks) is reached through the solution.
dotnet build PatternEngine.sln --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= -nologo -clp:NoSummary >"$log" 2>&1 || true

for file in src/*/PublicAPI.Unshipped.txt; do
  project=$(dirname "$file")
  csproj="$project/$(basename "$project").csproj"
  added=$(grep -F "[$PWD/$csproj]" "$log" | grep -oP "warning RS0016: Symbol '\K.*(?=' is not part of the declared public API)" | sort -u || true)
  removed=$(grep -F "[$PWD/$csproj]" "$log" | grep -oP "warning RS0017: Symbol '\K.*(?=' is part of the declared API)" | sort -u || true)
  {
    echo "#nullable enable"
    { grep -v '^#nullable enable$' "$file" || true; echo "$added"; } \
      | grep -vxF -f <(echo "$removed"; echo "#") | sed '/^$/d' | LC_ALL=C sort -u
  } >"$file.new"
  mv "$file.new" "$file"
  echo "$file: $(echo -n "$added" | grep -c . || true) added, $(echo -n "$removed" | grep -c . || true) removed"
done

if grep -q 'error ' "$log"; then
  echo "the build has errors besides the API's:" >&2
  grep 'error ' "$log" | sort -u | head -20 >&2
  exit 1
fi
