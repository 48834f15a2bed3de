// End to end through gRPC against the running suite (./suite up), from Node: the wire contract tested from outside
// Java. import -> neighbours -> recommend (strategies, filters, explanations, a trained model) -> segment -> predict
// -> audience -> DeleteUser -> the user is found nowhere (gRPC answers, PostgreSQL rows, Redis keys and lists,
// stored models). Exit code 0 when every check passes. Needs psql and redis-cli on the PATH. The datastores are those
// ./suite up chose (.persona/stack.env); DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME, REDIS_HOST, REDIS_PORT
// override them. Every call carries a bearer token: PERSONA_TOKEN (it must grant the run's tenant, e2e-<time>, or *),
// else one minted for the run's tenant with the admin role by `persona token` (the local key ./suite up created);
// a call without a token must be refused with UNAUTHENTICATED. Every connection is TLS, trusting the CA of the PEM
// file PERSONA_CA names, else the local CA ./suite up created (.persona/security/ca.pem); a plaintext connection
// must be refused.
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
const stackFile = path.resolve(here, '../../.persona/stack.env');
const stack = fs.existsSync(stackFile) ? Object.fromEntries(fs.readFileSync(stackFile, 'utf8').split('\n')
  .map((line) => line.match(/^([A-Z_]+)=(.*)$/)).filter((m) => m).map((m) => [m[1], m[2]])) : {};
const setting = (name, fallback) => process.env[name] || stack[name] || fallback;
const db = ['-h', setting('DB_HOST', '127.0.0.1'), '-p', setting('DB_PORT', '5432'), '-U', setting('DB_USER', 'postgres'),
  '-d', setting('DB_NAME', 'persona')];
const dbEnv = { ...process.env, PGPASSWORD: setting('DB_PASSWORD', '') };
const redisArgs = ['-h', setting('REDIS_HOST', '127.0.0.1'), '-p', setting('REDIS_PORT', '6379')];
const protoRoot = path.resolve(here, '../../proto/src/main/proto');
const definition = protoLoader.loadSync(
  ['persona/v1/profile_service.proto', 'persona/v1/similarity_service.proto', 'persona/v1/recommend_service.proto',
    'persona/v1/segment_service.proto'],
  { includeDirs: [protoRoot], keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true });
const v1 = grpc.loadPackageDefinition(definition).persona.v1;
// A name the services' certificate lists (./suite up's lists localhost, 127.0.0.1 and ::1): a host name, since TLS
// server name indication carries names only (Node warns when given an IP address).
const host = process.env.PERSONA_HOST_E2E || 'localhost';
const caFile = process.env.PERSONA_CA || path.resolve(here, '../../.persona/security/ca.pem');
if (!fs.existsSync(caFile)) {
  console.error(`FAIL: no CA certificate at ${caFile}: run ./suite up (it creates the local CA) or set PERSONA_CA`);
  process.exit(1);
}
const tls = grpc.credentials.createSsl(fs.readFileSync(caFile));
const clients = {
  profile: new v1.ProfileService(`${host}:9101`, tls),
  similarity: new v1.SimilarityService(`${host}:9102`, tls),
  recommend: new v1.RecommendService(`${host}:9103`, tls),
  segment: new v1.SegmentService(`${host}:9104`, tls),
};
const run = Date.now();
const tenant = `e2e-${run}`;
const token = process.env.PERSONA_TOKEN || execFileSync(path.resolve(here, '../../persona'),
  ['token', '--tenant', tenant, '--roles', 'admin', '--subject', 'e2e']).toString().trim();
const meta = () => {
  const m = new grpc.Metadata();
  m.set('authorization', `Bearer ${token}`);
  m.set('x-tenant-id', tenant);
  return m;
};
const unary = (svc, rpc, req) => new Promise((resolve, reject) =>
  clients[svc][rpc](req, meta(), { deadline: Date.now() + 60_000 }, (e, r) => (e ? reject(e) : resolve(r))));
const serverStream = (svc, rpc, req) => new Promise((resolve, reject) => {
  const out = [];
  const call = clients[svc][rpc](req, meta(), { deadline: Date.now() + 300_000 });
  call.on('data', (m) => out.push(m));
  call.on('error', reject);
  call.on('end', () => resolve(out));
});
const clientStream = (svc, rpc, requests) => new Promise((resolve, reject) => {
  const call = clients[svc][rpc](meta(), { deadline: Date.now() + 120_000 }, (e, r) => (e ? reject(e) : resolve(r)));
  requests.forEach((r) => call.write(r));
  call.end();
});
let checks = 0;
const check = (ok, what) => {
  checks++;
  if (!ok) { console.error(`FAIL: ${what}`); process.exit(1); }
  console.log(`ok ${checks} - ${what}`);
};
const code = async (promise) => { try { await promise; return 'OK'; } catch (e) { return grpc.status[e.code]; } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Data: two taste groups of 12 users over 8 items; the user to erase is a sci-fi fan.
const victim = `victim-${run}`;
const users = [...Array.from({ length: 11 }, (_, i) => `sf-${i}-${run}`), victim,
  ...Array.from({ length: 12 }, (_, i) => `cr-${i}-${run}`)];
const items = [['alien', 'Sci-Fi'], ['aliens', 'Sci-Fi'], ['starwars', 'Sci-Fi'], ['dune', 'Sci-Fi'],
  ['heat', 'Crime'], ['ronin', 'Crime'], ['fargo', 'Crime'], ['up', 'Animation']];
const day = 86_400;
const t0 = Math.floor(Date.now() / 1000) - 30 * day;
let n = 0;
const events = [];
for (const u of users) {
  const sci = u.startsWith('sf-') || u === victim;
  const liked = sci ? ['alien', 'aliens', 'starwars', 'dune'] : ['heat', 'ronin', 'fargo'];
  liked.forEach((item, k) => {
    if (u === victim && item === 'dune') return; // something left to recommend
    n++;
    events.push({ event: { event_id: `e${n}-${run}`, user_id: u, item_id: item, type: 'EVENT_TYPE_PURCHASE',
      value: 10 + k, occurred_at: { seconds: t0 + (n % 25) * day, nanos: 0 } } });
  });
}

const main = async () => {
  console.log(`tenant ${tenant}`);
  const anonymous = new grpc.Metadata();
  anonymous.set('x-tenant-id', tenant);
  const withoutToken = await code(new Promise((resolve, reject) => clients.profile.GetUser({ user_id: victim },
    anonymous, { deadline: Date.now() + 10_000 }, (e, r) => (e ? reject(e) : resolve(r)))));
  check(withoutToken === 'UNAUTHENTICATED', `a call without a bearer token is refused (${withoutToken})`);
  const plaintextClient = new v1.ProfileService(`${host}:9101`, grpc.credentials.createInsecure());
  const plaintext = await code(new Promise((resolve, reject) => plaintextClient.GetUser({ user_id: victim }, meta(),
    { deadline: Date.now() + 10_000 }, (e, r) => (e ? reject(e) : resolve(r)))));
  plaintextClient.close();
  check(plaintext === 'UNAVAILABLE', `a plaintext call, token and all, is refused (${plaintext})`);
  const unregistered = await code(unary('profile', 'GetUser', { user_id: victim }));
  check(unregistered === 'NOT_FOUND', `a tenant nobody registered is not found (${unregistered})`);
  const registered = await unary('profile', 'CreateTenant', { tenant_id: tenant, display_name: 'end to end' });
  check(registered.created && registered.tenant.created_by === 'e2e', 'CreateTenant registered the run\'s tenant');
  const usersImported = await clientStream('profile', 'ImportUsers', users.map((u, i) => ({ user: { user_id: u,
    attributes: { plan: u.startsWith('sf-') || u === victim ? 'gold' : 'free', age: String(20 + (i % 30)) } } })));
  check(usersImported.summary.accepted === users.length, 'ImportUsers accepted every user');
  const itemsImported = await clientStream('profile', 'ImportItems', items.map(([id, cat]) => ({ item: { item_id: id,
    title: id, category: cat, price: 5, active: true } })));
  check(itemsImported.summary.accepted === items.length, 'ImportItems accepted every item');
  const recorded = await clientStream('profile', 'RecordEvents', events);
  check(recorded.summary.accepted === events.length, `RecordEvents accepted ${events.length} events`);

  for (const entity of ['ENTITY_ITEM', 'ENTITY_USER']) {
    const built = await serverStream('similarity', 'BuildNeighbors', { entity, k: 10 });
    check(built[built.length - 1].result, `BuildNeighbors ${entity} ended with a result`);
  }
  const similar = await unary('similarity', 'GetSimilarItems', { item_id: 'alien', k: 3 });
  check(similar.neighbors.length > 0 && ['aliens', 'starwars', 'dune'].includes(similar.neighbors[0].id),
    `alien's nearest item is sci-fi (${similar.neighbors[0] && similar.neighbors[0].id})`);

  for (const strategy of ['STRATEGY_ITEM_KNN', 'STRATEGY_USER_KNN', 'STRATEGY_POPULAR', 'STRATEGY_UNSPECIFIED']) {
    const r = await unary('recommend', 'Recommend', { user_id: victim, k: 3, strategy, explain: true });
    check(r.recommendations.length > 0, `Recommend ${strategy} answers (served by ${r.strategy_used})`);
    check(!r.recommendations.some((x) => ['alien', 'aliens', 'starwars'].includes(x.item_id)),
      `Recommend ${strategy} leaves out what the user bought`);
  }
  const knn = await unary('recommend', 'Recommend', { user_id: victim, k: 1, strategy: 'STRATEGY_ITEM_KNN',
    explain: true });
  check(knn.recommendations[0].item_id === 'dune' && knn.recommendations[0].explanation.text.length > 0,
    `item-kNN recommends dune, explained: "${knn.recommendations[0].explanation.text}"`);
  const filtered = await unary('recommend', 'Recommend', { user_id: victim, k: 5, strategy: 'STRATEGY_POPULAR',
    filter: { exclude_categories: ['Crime'] } });
  check(filtered.recommendations.every((x) => !['heat', 'ronin', 'fargo'].includes(x.item_id)),
    'a category filter leaves the category out');
  const trained = await serverStream('recommend', 'TrainModel', { model_type: 'MODEL_TYPE_EASE' });
  const result = trained[trained.length - 1].result;
  check(result && result.serving, `TrainModel EASE serves ${result && result.model_version}`);
  const als = await serverStream('recommend', 'TrainModel', { model_type: 'MODEL_TYPE_ALS_IMPLICIT', factors: 4 });
  check(als[als.length - 1].result.serving, 'TrainModel implicit ALS serves (it holds per-user factors)');
  const ease = await unary('recommend', 'Recommend', { user_id: victim, k: 1, strategy: 'STRATEGY_EASE' });
  check(ease.strategy_used === 'STRATEGY_EASE' && ease.recommendations[0].item_id === 'dune',
    'EASE recommends dune');

  const segmented = await serverStream('segment', 'BuildSegmentation', { algorithm: 'ALGORITHM_KMEANS', k: 2,
    seed: 1 });
  const segmentation = segmented[segmented.length - 1].segmentation;
  check(segmentation && segmentation.segments.length === 2, `BuildSegmentation made 2 segments of ${segmentation.users}`);
  const assigned = await unary('segment', 'AssignSegment', { segmentation_id: segmentation.segmentation_id,
    user_id: victim });
  check(assigned.from_build, `the victim is in segment ${assigned.segment_id}`);
  const predictor = await unary('segment', 'TrainPredictor', { target: 'TARGET_ATTRIBUTE', label_attribute: 'plan',
    positive_value: 'gold', validation_folds: 2, min_leaf: 2, features: ['affinity:category'] });
  check(predictor.model_id && predictor.metrics.auc > 0.9, `TrainPredictor learns the plan (AUC ${predictor.metrics.auc})`);
  const outcome = await unary('segment', 'PredictOutcome', { model_id: predictor.model_id, user_id: victim });
  check(outcome.probability > 0.5 && outcome.explanation.length > 0, `PredictOutcome: ${outcome.explanation}`);
  const audienceOf = async () => (await serverStream('segment', 'SelectAudience', {
    segmentation_id: segmentation.segmentation_id, model_id: predictor.model_id, min_probability: 0.5 }))
    .flatMap((b) => b.members.map((m) => m.user_id));
  check((await audienceOf()).includes(victim), 'SelectAudience includes the victim before the erasure');

  // Erasure, then the id is found nowhere: first where it is before (so the search below can find it), then gone.
  const erasedEverywhere = async () => {
    const rows = execFileSync('psql', [...db, '-tAc', `
      SELECT (SELECT count(*) FROM public.users WHERE tenant_id = '${tenant}' AND user_id = '${victim}')
           + (SELECT count(*) FROM public.events WHERE tenant_id = '${tenant}' AND user_id = '${victim}')
           + (SELECT count(*) FROM segment.segment_members WHERE tenant_id = '${tenant}' AND user_id = '${victim}')
           + (SELECT count(*) FROM recommend.attributions WHERE tenant_id = '${tenant}' AND user_id = '${victim}')
           + (SELECT count(*) FROM recommend.models WHERE tenant_id = '${tenant}'
                AND position(convert_to('${victim}', 'UTF8') in model) > 0)`], { env: dbEnv }).toString().trim();
    const keys = execFileSync('redis-cli', [...redisArgs, '--scan', '--pattern', `persona:${tenant}:*`]).toString()
      .split('\n').filter((k) => k.length > 0);
    const inRedis = keys.filter((k) => k.includes(victim));
    // Every key, the change feed included: its erase notice leaves once every service has applied it.
    const read = { hash: 'HGETALL', list: 'LRANGE', string: 'GET', set: 'SMEMBERS', zset: 'ZRANGE', stream: 'XRANGE' };
    for (const k of keys) {
      const type = execFileSync('redis-cli', [...redisArgs, 'TYPE', k]).toString().trim();
      if (read[type]) {
        const args = type === 'list' || type === 'zset' ? [k, '0', '-1'] : type === 'stream' ? [k, '-', '+'] : [k];
        const dump = execFileSync('redis-cli', [...redisArgs, '--no-raw', read[type], ...args]).toString();
        if (dump.includes(victim)) inRedis.push(k);
      }
    }
    return { rows: Number(rows), inRedis };
  };
  const before = await erasedEverywhere();
  check(before.rows > 0 && before.inRedis.length > 0,
    `before DeleteUser the search finds the victim: ${before.rows} PostgreSQL rows, Redis keys ${before.inRedis}`);
  await unary('profile', 'DeleteUser', { user_id: victim });
  check(await code(unary('profile', 'GetUser', { user_id: victim })) === 'NOT_FOUND', 'GetUser: NOT_FOUND');
  let left = await erasedEverywhere();
  for (let i = 0; i < 90 && (left.rows > 0 || left.inRedis.length > 0); i++) {
    await sleep(500);
    left = await erasedEverywhere();
  }
  check(left.rows === 0, `PostgreSQL holds no row and no stored model of the victim (${left.rows})`);
  check(left.inRedis.length === 0, `Redis holds no key, list or assignment of the victim (${left.inRedis})`);
  for (const u of users.filter((x) => x !== victim).slice(0, 5)) {
    const lists = await unary('similarity', 'GetSimilarUsers', { user_id: u, k: 50 });
    check(!lists.neighbors.some((x) => x.id === victim), `${u}'s similar users leave the victim out`);
  }
  const members = (await Promise.all(segmentation.segments.map((s) => serverStream('segment', 'ListSegmentMembers',
    { segmentation_id: segmentation.segmentation_id, segment_id: s.segment_id }))))
    .flat().flatMap((b) => b.user_ids);
  check(!members.includes(victim) && members.length === users.length - 1, 'no segment lists the victim');
  check(!(await audienceOf()).includes(victim), 'no audience includes the victim');
  check(await code(unary('segment', 'AssignSegment', { segmentation_id: segmentation.segmentation_id,
    user_id: victim })) === 'NOT_FOUND', 'AssignSegment: NOT_FOUND');
  console.log(`all ${checks} checks passed in ${((Date.now() - run) / 1000).toFixed(1)} s`);
  process.exit(0);
};

main().catch((e) => { console.error(`FAIL: ${e.message}`); process.exit(1); });
