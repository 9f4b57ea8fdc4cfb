/** Secrets in options and connection strings: never read into a snapshot (src/catalog/secrets.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSecretOption, maskEmbeddedSecrets, maskOptions, SECRET_PLACEHOLDER as P } from '../src/catalog/secrets.js';

describe('secrets', () => {
  test('option names that hold a secret, and those that only name one kept elsewhere', () => {
    for (const n of ['password', 'PASSWORD', 'sslpassword', 'passwd', 'api_key', 'apikey', 'sa_key', 'aws_secret_access_key', 'private_key', 'access_token', 'client_secret', 'service_account_key'])
      assert.ok(isSecretOption(n), n);
    for (const n of ['user', 'host', 'port', 'dbname', 'api_key_id', 'aws_access_key_id', 'sa_key_id', 'conn_string_id', 'table_name', 'column_name', 'object', 'rowid_column', 'api_url', 'sslkey_path_x'])
      assert.ok(!isSecretOption(n), n);
  });

  test('passwords inside a URL or a libpq connection string are masked, the rest kept', () => {
    assert.equal(maskEmbeddedSecrets('tcp://default:hunter2@localhost:9000/default'), `tcp://default:${P}@localhost:9000/default`);
    assert.equal(maskEmbeddedSecrets('host=192.0.2.1 port=5432 user=replicator password=s3cret-pw'), `host=192.0.2.1 port=5432 user=replicator password=${P}`);
    assert.equal(maskEmbeddedSecrets("password='a b c' host=h"), `password=${P} host=h`);
    assert.equal(maskEmbeddedSecrets('tcp://default:@localhost:9000/default'), 'tcp://default:@localhost:9000/default');
    assert.equal(maskEmbeddedSecrets('host=h dbname=app'), 'host=h dbname=app');
  });

  test('catalog options come back sorted, secrets as the placeholder', () => {
    assert.deepEqual(maskOptions(['user=u', 'password=pw', 'api_key_id=1234', 'conn_string=tcp://u:pw@h/db']), [
      'api_key_id=1234',
      `conn_string=tcp://u:${P}@h/db`,
      `password=${P}`,
      'user=u',
    ]);
    assert.deepEqual(maskOptions(null), []);
    // a value holding '=' keeps it
    assert.deepEqual(maskOptions(['filter=a=b']), ['filter=a=b']);
  });
});
