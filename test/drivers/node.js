// node-postgres (the npm package pg), as JavaScript dashboards read
// PostgreSQL: the demo's reporting views and raw summary tables, their
// JavaScript types and values against plain SQL.  Prints TAP.  Run by
// test/drivers/run with NODE_PATH naming the node_modules that holds pg:
// node node.js DATABASE QUERIES_FILE.
//
// pg gives bigint (int8) and numeric as strings by default, so `+` on two
// counts concatenates them.  A type parser per connection (or
// pg.types.setTypeParser for every connection) makes them numbers; counts
// cast to integer in SQL are numbers without one.  double precision is a
// number, date a Date, text a string, a summary (a type pg does not know)
// its whole text form, jsonb a parsed object.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const pg = require('pg');

const [database, queriesFile] = process.argv.slice(2);
const queries = {};
const parts = fs.readFileSync(queriesFile, 'utf8').split(/^-- name: /m).slice(1);
for (const part of parts) {
    const end = part.indexOf('\n');
    queries[part.slice(0, end)] = part.slice(end + 1).trim();
}

let count = 0;
let failed = 0;
function check(ok, description, detail) {
    count++;
    console.log(`${ok ? 'ok' : 'not ok'} ${count} - ${description}`);
    if (!ok) {
        failed++;
        for (const line of String(detail).split('\n')) console.log(`#   ${line}`);
    }
}

// The settings: bigint and numeric as JavaScript numbers, for this
// connection only (counts stay exact below 2^53).
const numbers = {
    [pg.types.builtins.INT8]: (text) => Number(text),
    [pg.types.builtins.NUMERIC]: (text) => Number(text),
};
const withParsers = {
    getTypeParser: (oid, format) => numbers[oid] || pg.types.getTypeParser(oid, format),
};

function connect(types) {
    return new pg.Client({ database, ...(types ? { types } : {}) });
}

function same(a, b) {
    if (typeof a === 'number' && typeof b === 'number')
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
    return a === b;
}

function differences(got, want) {
    if (got.length !== want.length) return `${got.length} rows, ${want.length} expected`;
    for (let i = 0; i < got.length; i++)
        if (got[i].length !== want[i].length || got[i].some((v, k) => !same(v, want[i][k])))
            return `got  ${JSON.stringify(got[i])}\nwant ${JSON.stringify(want[i])}`;
    return '';
}

async function rows(client, sql) {
    return (await client.query({ text: sql, rowMode: 'array' })).rows;
}

const md5 = (text) => crypto.createHash('md5').update(text, 'utf8').digest('hex');
const JS_TYPES = {
    bigint: (v) => typeof v === 'number' && Number.isInteger(v),
    'double precision': (v) => typeof v === 'number' || v === null,
    date: (v) => v instanceof Date,
    text: (v) => typeof v === 'string' || v === null,
};

async function checkView(client, view) {
    const columns = await rows(client, queries.columns.replace('{view}', view));
    const all = await rows(client, queries.all.replace('{view}', view));
    const wrong = [];
    for (const row of all)
        columns.forEach(([name, type], k) => {
            if (!JS_TYPES[type](row[k])) wrong.push(`${name} ${type}: ${typeof row[k]} ${row[k]}`);
        });
    const figures = columns.map(([, type], k) => [type, k]).filter(([type]) => type === 'double precision');
    const nulls = all.map((row) => figures.filter(([, k]) => row[k] === null).length)
        .reduce((a, b) => a + b, 0);
    check(all.length >= 60 && columns.length >= 20 && wrong.length === 0,
        `${view}: ${all.length} rows; each of ${columns.length} columns arrives as an integer ` +
        `number (bigint, with the type parser; counts never null), number (${nulls} null ` +
        'where no answer exists), Date or string (statuses null there too)',
        `wrong: ${wrong.slice(0, 5)}`);
    const name = view === 'team_monthly_scorecard' ? 'scorecard' : 'operations';
    const got = await rows(client, queries[name]);
    const difference = differences(got, await rows(client, queries[`${name}_plain`]));
    check(got.length >= 60 && difference === '',
        `${view}: figures and counts of ${got.length} rows equal plain SQL over the raw rows`,
        difference);
}

async function checkSummaries(client, query) {
    const all = await rows(client, queries[query]);
    const broken = all.filter(([, , text, length, digest]) =>
        typeof text !== 'string' || text.length !== length || md5(text) !== digest);
    const long = all.filter((row) => row[3] > 255).length;
    check(all.length >= 100 && long >= 10 && broken.length === 0,
        `${query.slice(5)}: ${all.length} summaries (${long} longer than 255) arrive as whole strings`,
        `broken: ${broken.slice(0, 3).map((row) => row[3])}`);
}

async function main() {
    const client = connect(withParsers);
    await client.connect();
    const version = JSON.parse(fs.readFileSync(require.resolve('pg/package.json'), 'utf8')).version;
    console.log(`# pg ${version}, Node.js ${process.version}`);
    for (const view of ['team_monthly_scorecard', 'team_monthly_operations'])
        await checkView(client, view);
    await checkSummaries(client, 'long_aht');
    await checkSummaries(client, 'long_qa');

    const texts = await rows(client, queries.as_text);
    const broken = texts.filter(([text, json, length, digest, responses]) =>
        text.length !== length || md5(text) !== digest || json.responses !== responses);
    check(texts.length >= 100 && broken.length === 0,
        `${texts.length} summaries read as ::text arrive as whole strings, as ::jsonb as objects ` +
        'with their count of responses', `broken: ${broken.length}`);

    // Without the type parsers: counts are strings, and + concatenates;
    // cast to integer in SQL, they are numbers.
    const plain = connect();
    await plain.connect();
    const [[interactions, answers, asInteger]] = await rows(plain,
        "SELECT interactions, nps_responses, nps_responses::integer FROM team_monthly_scorecard " +
        "WHERE team = 'Billing' AND month = '2026-01-01'");
    const [[expected]] = await rows(client,
        "SELECT nps_responses FROM team_monthly_scorecard WHERE team = 'Billing' AND month = '2026-01-01'");
    check(typeof interactions === 'string' && typeof answers === 'string'
          && interactions + answers === `${interactions}${answers}`
          && asInteger === expected && typeof asInteger === 'number',
        `without a type parser, bigint counts arrive as strings ('${interactions}' + '${answers}' ` +
        `concatenates); cast to integer they are numbers (${asInteger})`,
        `${typeof interactions} ${typeof answers} ${asInteger} ${expected}`);
    await plain.end();
    await client.end();
    console.log(`1..${count}`);
    process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
    console.log(`not ok ${count + 1} - the node-postgres checks ran to the end`);
    console.log(`#   ${error.stack.split('\n').join('\n#   ')}`);
    process.exitCode = 1;
});
