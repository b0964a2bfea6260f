#!/usr/bin/env bash
# Builds Activepieces' ever-gauzy piece from its public source and installs it into the Activepieces of
# the real-activepieces kit, for the real-Activepieces test profile (README: testing against the real
# Activepieces). None of the piece's code is in this repository: give the folder that holds its files as
# read from activepieces/activepieces (packages/pieces/community/ever-gauzy, at the commits listed in
# shared/reference/ever-gauzy-piece-source.md); each is checked against its SHA-256 before it is built.
#
# Usage: scripts/install-ever-gauzy-piece.sh <folder with src/...> [version]   (version: 0.0.2 by default)
# Needs: node and npm (the npm registry), curl, jq, and the kit's provisioned.json (REAL_ACTIVEPIECES or
# the kit's default under the cache folder).
set -euo pipefail
SOURCE=${1:?give the folder that holds the src folder of the piece}
VERSION=${2:-0.0.2}
PROVISIONED=${REAL_ACTIVEPIECES:-${XDG_CACHE_HOME:-$HOME/.cache}/real-activepieces/provisioned.json}
[ -f "$PROVISIONED" ] || { echo "no $PROVISIONED: set up, start and provision the kit first" >&2; exit 1; }

# The piece's files and their SHA-256, as published with the reference (the latest consistent state).
(cd "$SOURCE" && sha256sum --check --quiet) <<'SUMS'
d7170b8a4d2f09c674ad1d2422f6b96af4359e6723f56b91615911c4fb827ae7  src/index.ts
4f98f79d51fad808f2474b16f1786f8252e998e254d489b41e3fd91dcb766b68  src/lib/common/auth.ts
8b50362fe9c30c1418a204facd6eae44fc9752186e7e7f798f94e5359ce74912  src/lib/common/webhooks.ts
dfe9b22bfb912394b120bd180d588d21f1e312fb8fa50a2477690fad32164a6f  src/lib/common/dynamic-props.ts
c79fe981ec4fd4413f2f2f34c5e35ee3158ac9939294945b907cf97f8346fb3a  src/lib/common/index.ts
8dca43b76a4194038e0e96c743cfcb61f8bfca9c941ae40ed84c8b098eba10a0  src/lib/common/models.ts
c1c6a90913e6f41def54e8e8bf9dfd06c788d47b354b7e9b91c5c690b3f4a228  src/lib/actions/employee/index.ts
f3066c86589e3b53b485865265a93dfd6c99b851819b1342d6decd1f777e3713  src/lib/actions/employee/create-employee.ts
660af9212915277fe27219447d936848d9e84068aea6c28d5fff6172eea358a4  src/lib/actions/employee/delete-employee.ts
743e96711b619b669dbf87765b679944a9361b6b9cf2335ba50614e031941855  src/lib/actions/employee/get-employee.ts
479bc65ca083c8a5eef53f54c12c5f8191e1fd1551de6ffecb788391449c7512  src/lib/actions/employee/list-employees.ts
a2e1dca12b6c17286fa91c3b720ec64bcb82a51982de4447143da62755f7366a  src/lib/actions/employee/update-employee.ts
40064b1befc5037d454dabf0fc063db682152caa987c4d5cf32087b5f5214762  src/lib/actions/tasks/index.ts
25fdf1c4f564b2142ca0289f59beaf370df7502580d8bc4b67f6544c23266bc2  src/lib/actions/tasks/create-task.ts
9804e2978199365e8f27072852cf61c59631af1a7a41367bb6819917702678c2  src/lib/actions/tasks/delete-task.ts
e885e42285d1cb91ec6ecbb33539f8936d74fcf7e56d81362eb33f31ce86b07e  src/lib/actions/tasks/get-task.ts
85255ce26c2b023311ffab7d2108448d45626f321aa65536b334c08fc45bb23b  src/lib/actions/tasks/list-tasks.ts
649efaf4f49d7a40269cf412ee35029307dbacb0ca85f5b2391bd2a7c73ad5ef  src/lib/actions/tasks/update-task.ts
9d2af0a4ba0c60b5492338960fe30eae091cee4bde793246df0683bacd6f2fef  src/lib/actions/timer/index.ts
b85db63b7a5a1ad1082253dfd4d9a59b7c956fcbeae54370afcdb619600877a0  src/lib/actions/timer/start-timer.ts
a03b9137662454537ed0fc8701ed9c1b62987c428a507cf105c55bfde7f2210a  src/lib/actions/timer/stop-timer.ts
e1c1fe04d03d8d2932f6c01bf161e24059dca7f6677093af57ce94f1041b52eb  src/lib/actions/timer/timer-status.ts
d4a4f56c5c523d6b53ee6c616ca0b56d56ab7893c7491e383a96a2cd67727bb6  src/lib/triggers/index.ts
9de5e7e7e3e63429c06a1523f2216f5f2a2ab23da1af481a30e1cb73e956af0f  src/lib/triggers/new-employee.ts
d36944d0c865eea86db07e0e9ab00149f34677545827241cf24ba0b2df58a6fc  src/lib/triggers/new-task.ts
ba0db1dc7570579d3812c185e616e91408d51ecbbb7c4e31fdeacdca717d4c53  src/lib/triggers/new-timer-tracker.ts
SUMS

BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT
cp -r "$SOURCE/src" "$BUILD/src"
# The framework versions the piece's source was written against; the engine loads <package>/src/index.js.
cat > "$BUILD/package.json" <<JSON
{ "name": "@activepieces/piece-ever-gauzy", "version": "$VERSION", "main": "./src/index.js", "type": "commonjs",
  "files": ["src"],
  "dependencies": { "@activepieces/pieces-framework": "0.32.0", "@activepieces/pieces-common": "0.12.5",
                    "@activepieces/shared": "0.95.1" },
  "devDependencies": { "typescript": "5.8.3", "@types/node": "22.15.0" } }
JSON
cat > "$BUILD/tsconfig.json" <<'JSON'
{ "compilerOptions": { "target": "es2022", "module": "commonjs", "moduleResolution": "node",
    "esModuleInterop": true, "skipLibCheck": true, "declaration": true, "rootDir": ".", "strict": true,
    "noImplicitAny": false, "types": ["node"] },
  "include": ["src/**/*.ts"] }
JSON
(cd "$BUILD" && npm install --no-fund --no-audit --silent && npx tsc -p . && npm pack --silent >/dev/null)
B=$(jq -r .baseUrl "$PROVISIONED"); K=$(jq -r .apiKey "$PROVISIONED")
status=$(curl -sS -o "$BUILD/answer.json" -w '%{http_code}' -X POST "$B/v1/pieces" -H "authorization: Bearer $K" \
    -F packageType=ARCHIVE -F scope=PLATFORM --form-string "pieceName=@activepieces/piece-ever-gauzy" \
    -F "pieceVersion=$VERSION" -F "pieceArchive=@$BUILD/activepieces-piece-ever-gauzy-$VERSION.tgz")
case $status in
  201) echo "installed @activepieces/piece-ever-gauzy@$VERSION" ;;
  409) echo "@activepieces/piece-ever-gauzy@$VERSION is already installed (a name and version are immutable)" ;;
  *) echo "Activepieces answered $status: $(cat "$BUILD/answer.json")" >&2; exit 1 ;;
esac
