/**
 * The auth schema as the supabase/auth migrations leave it (see SOURCES in
 * ../supabase-profile.ts): every table with its columns, defaults, generated
 * columns, keys, checks and indexes, the enum types, and auth.uid(),
 * auth.role(), auth.email(), auth.jwt(). Run as supabase_auth_admin, which owns
 * all of it on Supabase; its default privileges give postgres and
 * dashboard_user everything, as on Supabase.
 */
export const AUTH_SQL = `
CREATE SCHEMA auth AUTHORIZATION supabase_admin;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
GRANT ALL ON SCHEMA auth TO supabase_auth_admin, dashboard_user, postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON TABLES TO postgres, dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON SEQUENCES TO postgres, dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON FUNCTIONS TO postgres, dashboard_user;
SET ROLE supabase_auth_admin;

CREATE TYPE auth.aal_level AS ENUM ('aal1', 'aal2', 'aal3');
CREATE TYPE auth.code_challenge_method AS ENUM ('s256', 'plain');
CREATE TYPE auth.factor_status AS ENUM ('unverified', 'verified');
CREATE TYPE auth.factor_type AS ENUM ('totp', 'webauthn', 'phone');
CREATE TYPE auth.oauth_authorization_status AS ENUM ('pending', 'approved', 'denied', 'expired');
CREATE TYPE auth.oauth_client_type AS ENUM ('public', 'confidential');
CREATE TYPE auth.oauth_registration_type AS ENUM ('dynamic', 'manual');
CREATE TYPE auth.oauth_response_type AS ENUM ('code');
CREATE TYPE auth.one_time_token_type AS ENUM ('confirmation_token', 'reauthentication_token', 'recovery_token',
  'email_change_token_new', 'email_change_token_current', 'phone_change_token');

CREATE TABLE auth.instances (
  id uuid CONSTRAINT instances_pkey PRIMARY KEY,
  uuid uuid,
  raw_base_config text,
  created_at timestamptz,
  updated_at timestamptz
);

CREATE TABLE auth.users (
  instance_id uuid,
  id uuid CONSTRAINT users_pkey PRIMARY KEY,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text DEFAULT NULL::varchar CONSTRAINT users_phone_key UNIQUE,
  phone_confirmed_at timestamptz,
  phone_change text DEFAULT ''::varchar,
  phone_change_token varchar(255) DEFAULT ''::varchar,
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
  email_change_token_current varchar(255) DEFAULT ''::varchar,
  email_change_confirm_status smallint DEFAULT 0
    CONSTRAINT users_email_change_confirm_status_check CHECK (email_change_confirm_status >= 0 AND email_change_confirm_status <= 2),
  banned_until timestamptz,
  reauthentication_token varchar(255) DEFAULT ''::varchar,
  reauthentication_sent_at timestamptz,
  is_sso_user boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  is_anonymous boolean NOT NULL DEFAULT false
);
CREATE INDEX users_instance_id_idx ON auth.users (instance_id);
CREATE INDEX users_instance_id_email_idx ON auth.users (instance_id, lower(email::text));
CREATE INDEX users_is_anonymous_idx ON auth.users (is_anonymous);
CREATE UNIQUE INDEX users_email_partial_key ON auth.users (email) WHERE is_sso_user = false;
CREATE UNIQUE INDEX confirmation_token_idx ON auth.users (confirmation_token) WHERE confirmation_token::text !~ '^[0-9 ]*$';
CREATE UNIQUE INDEX recovery_token_idx ON auth.users (recovery_token) WHERE recovery_token::text !~ '^[0-9 ]*$';
CREATE UNIQUE INDEX email_change_token_current_idx ON auth.users (email_change_token_current) WHERE email_change_token_current::text !~ '^[0-9 ]*$';
CREATE UNIQUE INDEX email_change_token_new_idx ON auth.users (email_change_token_new) WHERE email_change_token_new::text !~ '^[0-9 ]*$';
CREATE UNIQUE INDEX reauthentication_token_idx ON auth.users (reauthentication_token) WHERE reauthentication_token::text !~ '^[0-9 ]*$';

CREATE TABLE auth.identities (
  provider_id text NOT NULL,
  user_id uuid NOT NULL CONSTRAINT identities_user_id_fkey REFERENCES auth.users (id) ON DELETE CASCADE,
  identity_data jsonb NOT NULL,
  provider text NOT NULL,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text GENERATED ALWAYS AS (lower(identity_data ->> 'email')) STORED,
  id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT identities_pkey PRIMARY KEY,
  CONSTRAINT identities_provider_id_provider_unique UNIQUE (provider_id, provider)
);
CREATE INDEX identities_email_idx ON auth.identities (email text_pattern_ops);
CREATE INDEX identities_user_id_idx ON auth.identities (user_id);

CREATE TABLE auth.audit_log_entries (
  instance_id uuid,
  id uuid CONSTRAINT audit_log_entries_pkey PRIMARY KEY,
  payload json,
  created_at timestamptz,
  ip_address varchar(64) NOT NULL DEFAULT ''::varchar
);
CREATE INDEX audit_logs_instance_id_idx ON auth.audit_log_entries (instance_id);

CREATE TABLE auth.schema_migrations (version varchar(255) CONSTRAINT schema_migrations_pkey PRIMARY KEY);

CREATE TABLE auth.oauth_clients (
  id uuid CONSTRAINT oauth_clients_pkey PRIMARY KEY,
  client_secret_hash text,
  registration_type auth.oauth_registration_type NOT NULL,
  redirect_uris text NOT NULL,
  grant_types text NOT NULL,
  client_name text CONSTRAINT oauth_clients_client_name_length CHECK (char_length(client_name) <= 1024),
  client_uri text CONSTRAINT oauth_clients_client_uri_length CHECK (char_length(client_uri) <= 2048),
  logo_uri text CONSTRAINT oauth_clients_logo_uri_length CHECK (char_length(logo_uri) <= 2048),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  client_type auth.oauth_client_type NOT NULL DEFAULT 'confidential',
  token_endpoint_auth_method text NOT NULL CONSTRAINT oauth_clients_token_endpoint_auth_method_check
    CHECK (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post', 'none'))
);
CREATE INDEX oauth_clients_deleted_at_idx ON auth.oauth_clients (deleted_at);

CREATE TABLE auth.sessions (
  id uuid CONSTRAINT sessions_pkey PRIMARY KEY,
  user_id uuid NOT NULL CONSTRAINT sessions_user_id_fkey REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text,
  oauth_client_id uuid CONSTRAINT sessions_oauth_client_id_fkey REFERENCES auth.oauth_clients (id) ON DELETE CASCADE,
  refresh_token_hmac_key text,
  refresh_token_counter bigint,
  scopes text CONSTRAINT sessions_scopes_length CHECK (char_length(scopes) <= 4096)
);
CREATE INDEX sessions_not_after_idx ON auth.sessions (not_after DESC);
CREATE INDEX sessions_oauth_client_id_idx ON auth.sessions (oauth_client_id);
CREATE INDEX sessions_user_id_idx ON auth.sessions (user_id);
CREATE INDEX user_id_created_at_idx ON auth.sessions (user_id, created_at);

CREATE TABLE auth.refresh_tokens (
  instance_id uuid,
  id bigserial CONSTRAINT refresh_tokens_pkey PRIMARY KEY,
  token varchar(255) CONSTRAINT refresh_tokens_token_unique UNIQUE,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid CONSTRAINT refresh_tokens_session_id_fkey REFERENCES auth.sessions (id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_instance_id_idx ON auth.refresh_tokens (instance_id);
CREATE INDEX refresh_tokens_instance_id_user_id_idx ON auth.refresh_tokens (instance_id, user_id);
CREATE INDEX refresh_tokens_parent_idx ON auth.refresh_tokens (parent);
CREATE INDEX refresh_tokens_session_id_revoked_idx ON auth.refresh_tokens (session_id, revoked);
CREATE INDEX refresh_tokens_updated_at_idx ON auth.refresh_tokens (updated_at DESC);

CREATE TABLE auth.mfa_factors (
  id uuid CONSTRAINT mfa_factors_pkey PRIMARY KEY,
  user_id uuid NOT NULL CONSTRAINT mfa_factors_user_id_fkey REFERENCES auth.users (id) ON DELETE CASCADE,
  friendly_name text,
  factor_type auth.factor_type NOT NULL,
  status auth.factor_status NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  secret text,
  phone text,
  last_challenged_at timestamptz CONSTRAINT mfa_factors_last_challenged_at_key UNIQUE,
  web_authn_credential jsonb,
  web_authn_aaguid uuid,
  last_webauthn_challenge_data jsonb
);
CREATE INDEX factor_id_created_at_idx ON auth.mfa_factors (user_id, created_at);
CREATE INDEX mfa_factors_user_id_idx ON auth.mfa_factors (user_id);
CREATE UNIQUE INDEX mfa_factors_user_friendly_name_unique ON auth.mfa_factors (friendly_name, user_id) WHERE TRIM(BOTH FROM friendly_name) <> '';
CREATE UNIQUE INDEX unique_phone_factor_per_user ON auth.mfa_factors (user_id, phone);

CREATE TABLE auth.mfa_challenges (
  id uuid CONSTRAINT mfa_challenges_pkey PRIMARY KEY,
  factor_id uuid NOT NULL CONSTRAINT mfa_challenges_auth_factor_id_fkey REFERENCES auth.mfa_factors (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  verified_at timestamptz,
  ip_address inet NOT NULL,
  otp_code text,
  web_authn_session_data jsonb
);
CREATE INDEX mfa_challenge_created_at_idx ON auth.mfa_challenges (created_at DESC);

CREATE TABLE auth.mfa_amr_claims (
  session_id uuid NOT NULL CONSTRAINT mfa_amr_claims_session_id_fkey REFERENCES auth.sessions (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  authentication_method text NOT NULL,
  id uuid CONSTRAINT amr_id_pk PRIMARY KEY,
  CONSTRAINT mfa_amr_claims_session_id_authentication_method_pkey UNIQUE (session_id, authentication_method)
);

CREATE TABLE auth.flow_state (
  id uuid CONSTRAINT flow_state_pkey PRIMARY KEY,
  user_id uuid,
  auth_code text,
  code_challenge_method auth.code_challenge_method,
  code_challenge text,
  provider_type text NOT NULL,
  provider_access_token text,
  provider_refresh_token text,
  created_at timestamptz,
  updated_at timestamptz,
  authentication_method text NOT NULL,
  auth_code_issued_at timestamptz,
  invite_token text,
  referrer text,
  oauth_client_state_id uuid,
  linking_target_id uuid,
  email_optional boolean NOT NULL DEFAULT false
);
CREATE INDEX flow_state_created_at_idx ON auth.flow_state (created_at DESC);
CREATE INDEX idx_auth_code ON auth.flow_state (auth_code);
CREATE INDEX idx_user_id_auth_method ON auth.flow_state (user_id, authentication_method);

CREATE TABLE auth.sso_providers (
  id uuid CONSTRAINT sso_providers_pkey PRIMARY KEY,
  resource_id text CONSTRAINT "resource_id not empty" CHECK (resource_id = NULL::text OR char_length(resource_id) > 0),
  created_at timestamptz,
  updated_at timestamptz,
  disabled boolean
);
CREATE UNIQUE INDEX sso_providers_resource_id_idx ON auth.sso_providers (lower(resource_id));
CREATE INDEX sso_providers_resource_id_pattern_idx ON auth.sso_providers (resource_id text_pattern_ops);

CREATE TABLE auth.sso_domains (
  id uuid CONSTRAINT sso_domains_pkey PRIMARY KEY,
  sso_provider_id uuid NOT NULL CONSTRAINT sso_domains_sso_provider_id_fkey REFERENCES auth.sso_providers (id) ON DELETE CASCADE,
  domain text NOT NULL CONSTRAINT "domain not empty" CHECK (char_length(domain) > 0),
  created_at timestamptz,
  updated_at timestamptz
);
CREATE UNIQUE INDEX sso_domains_domain_idx ON auth.sso_domains (lower(domain));
CREATE INDEX sso_domains_sso_provider_id_idx ON auth.sso_domains (sso_provider_id);

CREATE TABLE auth.saml_providers (
  id uuid CONSTRAINT saml_providers_pkey PRIMARY KEY,
  sso_provider_id uuid NOT NULL CONSTRAINT saml_providers_sso_provider_id_fkey REFERENCES auth.sso_providers (id) ON DELETE CASCADE,
  entity_id text NOT NULL CONSTRAINT saml_providers_entity_id_key UNIQUE CONSTRAINT "entity_id not empty" CHECK (char_length(entity_id) > 0),
  metadata_xml text NOT NULL CONSTRAINT "metadata_xml not empty" CHECK (char_length(metadata_xml) > 0),
  metadata_url text CONSTRAINT "metadata_url not empty" CHECK (metadata_url = NULL::text OR char_length(metadata_url) > 0),
  attribute_mapping jsonb,
  created_at timestamptz,
  updated_at timestamptz,
  name_id_format text
);
CREATE INDEX saml_providers_sso_provider_id_idx ON auth.saml_providers (sso_provider_id);

CREATE TABLE auth.saml_relay_states (
  id uuid CONSTRAINT saml_relay_states_pkey PRIMARY KEY,
  sso_provider_id uuid NOT NULL CONSTRAINT saml_relay_states_sso_provider_id_fkey REFERENCES auth.sso_providers (id) ON DELETE CASCADE,
  request_id text NOT NULL CONSTRAINT "request_id not empty" CHECK (char_length(request_id) > 0),
  for_email text,
  redirect_to text,
  created_at timestamptz,
  updated_at timestamptz,
  flow_state_id uuid CONSTRAINT saml_relay_states_flow_state_id_fkey REFERENCES auth.flow_state (id) ON DELETE CASCADE
);
CREATE INDEX saml_relay_states_created_at_idx ON auth.saml_relay_states (created_at DESC);
CREATE INDEX saml_relay_states_for_email_idx ON auth.saml_relay_states (for_email);
CREATE INDEX saml_relay_states_sso_provider_id_idx ON auth.saml_relay_states (sso_provider_id);

CREATE TABLE auth.one_time_tokens (
  id uuid CONSTRAINT one_time_tokens_pkey PRIMARY KEY,
  user_id uuid NOT NULL CONSTRAINT one_time_tokens_user_id_fkey REFERENCES auth.users (id) ON DELETE CASCADE,
  token_type auth.one_time_token_type NOT NULL,
  token_hash text NOT NULL CONSTRAINT one_time_tokens_token_hash_check CHECK (char_length(token_hash) > 0),
  relates_to text NOT NULL,
  created_at timestamp NOT NULL DEFAULT now(),
  updated_at timestamp NOT NULL DEFAULT now()
);
CREATE INDEX one_time_tokens_relates_to_hash_idx ON auth.one_time_tokens USING hash (relates_to);
CREATE INDEX one_time_tokens_token_hash_hash_idx ON auth.one_time_tokens USING hash (token_hash);
CREATE UNIQUE INDEX one_time_tokens_user_id_token_type_key ON auth.one_time_tokens (user_id, token_type);

CREATE TABLE auth.oauth_authorizations (
  id uuid CONSTRAINT oauth_authorizations_pkey PRIMARY KEY,
  authorization_id text NOT NULL CONSTRAINT oauth_authorizations_authorization_id_key UNIQUE,
  client_id uuid NOT NULL CONSTRAINT oauth_authorizations_client_id_fkey REFERENCES auth.oauth_clients (id) ON DELETE CASCADE,
  user_id uuid CONSTRAINT oauth_authorizations_user_id_fkey REFERENCES auth.users (id) ON DELETE CASCADE,
  redirect_uri text NOT NULL CONSTRAINT oauth_authorizations_redirect_uri_length CHECK (char_length(redirect_uri) <= 2048),
  scope text NOT NULL CONSTRAINT oauth_authorizations_scope_length CHECK (char_length(scope) <= 4096),
  state text CONSTRAINT oauth_authorizations_state_length CHECK (char_length(state) <= 4096),
  resource text CONSTRAINT oauth_authorizations_resource_length CHECK (char_length(resource) <= 2048),
  code_challenge text CONSTRAINT oauth_authorizations_code_challenge_length CHECK (char_length(code_challenge) <= 128),
  code_challenge_method auth.code_challenge_method,
  response_type auth.oauth_response_type NOT NULL DEFAULT 'code',
  status auth.oauth_authorization_status NOT NULL DEFAULT 'pending',
  authorization_code text CONSTRAINT oauth_authorizations_authorization_code_key UNIQUE
    CONSTRAINT oauth_authorizations_authorization_code_length CHECK (char_length(authorization_code) <= 255),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL DEFAULT (now() + '00:03:00'::interval),
  approved_at timestamptz,
  nonce text CONSTRAINT oauth_authorizations_nonce_length CHECK (char_length(nonce) <= 255),
  CONSTRAINT oauth_authorizations_expires_at_future CHECK (expires_at > created_at)
);
CREATE INDEX oauth_auth_pending_exp_idx ON auth.oauth_authorizations (expires_at) WHERE status = 'pending';

CREATE TABLE auth.oauth_consents (
  id uuid CONSTRAINT oauth_consents_pkey PRIMARY KEY,
  user_id uuid NOT NULL CONSTRAINT oauth_consents_user_id_fkey REFERENCES auth.users (id) ON DELETE CASCADE,
  client_id uuid NOT NULL CONSTRAINT oauth_consents_client_id_fkey REFERENCES auth.oauth_clients (id) ON DELETE CASCADE,
  scopes text NOT NULL CONSTRAINT oauth_consents_scopes_length CHECK (char_length(scopes) <= 2048)
    CONSTRAINT oauth_consents_scopes_not_empty CHECK (char_length(TRIM(BOTH FROM scopes)) > 0),
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CONSTRAINT oauth_consents_user_client_unique UNIQUE (user_id, client_id),
  CONSTRAINT oauth_consents_revoked_after_granted CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
);
CREATE INDEX oauth_consents_active_client_idx ON auth.oauth_consents (client_id) WHERE revoked_at IS NULL;
CREATE INDEX oauth_consents_active_user_client_idx ON auth.oauth_consents (user_id, client_id) WHERE revoked_at IS NULL;
CREATE INDEX oauth_consents_user_order_idx ON auth.oauth_consents (user_id, granted_at DESC);

CREATE TABLE auth.oauth_client_states (
  id uuid CONSTRAINT oauth_client_states_pkey PRIMARY KEY,
  provider_type text NOT NULL,
  code_verifier text,
  created_at timestamptz NOT NULL
);
CREATE INDEX idx_oauth_client_states_created_at ON auth.oauth_client_states (created_at);

CREATE TABLE auth.custom_oauth_providers (
  id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT custom_oauth_providers_pkey PRIMARY KEY,
  provider_type text NOT NULL CONSTRAINT custom_oauth_providers_provider_type_check CHECK (provider_type IN ('oauth2', 'oidc')),
  identifier text NOT NULL CONSTRAINT custom_oauth_providers_identifier_key UNIQUE
    CONSTRAINT custom_oauth_providers_identifier_format CHECK (identifier ~ '^[a-z0-9][a-z0-9:-]{0,48}[a-z0-9]$'),
  name text NOT NULL CONSTRAINT custom_oauth_providers_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
  client_id text NOT NULL CONSTRAINT custom_oauth_providers_client_id_length CHECK (char_length(client_id) BETWEEN 1 AND 512),
  client_secret text NOT NULL,
  acceptable_client_ids text[] NOT NULL DEFAULT '{}',
  scopes text[] NOT NULL DEFAULT '{}',
  pkce_enabled boolean NOT NULL DEFAULT true,
  attribute_mapping jsonb NOT NULL DEFAULT '{}',
  authorization_params jsonb NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  email_optional boolean NOT NULL DEFAULT false,
  issuer text,
  discovery_url text,
  skip_nonce_check boolean NOT NULL DEFAULT false,
  cached_discovery jsonb,
  discovery_cached_at timestamptz,
  authorization_url text,
  token_url text,
  userinfo_url text,
  jwks_uri text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  custom_claims_allowlist text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX custom_oauth_providers_created_at_idx ON auth.custom_oauth_providers (created_at);
CREATE INDEX custom_oauth_providers_enabled_idx ON auth.custom_oauth_providers (enabled);
CREATE INDEX custom_oauth_providers_identifier_idx ON auth.custom_oauth_providers (identifier);
CREATE INDEX custom_oauth_providers_provider_type_idx ON auth.custom_oauth_providers (provider_type);

CREATE TABLE auth.webauthn_challenges (
  id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT webauthn_challenges_pkey PRIMARY KEY,
  user_id uuid CONSTRAINT webauthn_challenges_user_id_fkey REFERENCES auth.users (id) ON DELETE CASCADE,
  challenge_type text NOT NULL CONSTRAINT webauthn_challenges_challenge_type_check CHECK (challenge_type IN ('signup', 'registration', 'authentication')),
  session_data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX webauthn_challenges_expires_at_idx ON auth.webauthn_challenges (expires_at);
CREATE INDEX webauthn_challenges_user_id_idx ON auth.webauthn_challenges (user_id);

CREATE TABLE auth.webauthn_credentials (
  id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT webauthn_credentials_pkey PRIMARY KEY,
  user_id uuid NOT NULL CONSTRAINT webauthn_credentials_user_id_fkey REFERENCES auth.users (id) ON DELETE CASCADE,
  credential_id bytea NOT NULL CONSTRAINT webauthn_credentials_credential_id_key UNIQUE,
  public_key bytea NOT NULL,
  attestation_type text NOT NULL DEFAULT '',
  aaguid uuid,
  sign_count bigint NOT NULL DEFAULT 0,
  transports jsonb NOT NULL DEFAULT '[]',
  backup_eligible boolean NOT NULL DEFAULT false,
  backed_up boolean NOT NULL DEFAULT false,
  friendly_name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX webauthn_credentials_user_id_idx ON auth.webauthn_credentials (user_id);

-- Row level security is on for the tables of the auth service's first releases.
ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.instances ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.audit_log_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.schema_migrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_factors ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_challenges ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_amr_claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.flow_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.sso_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.sso_domains ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.saml_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.saml_relay_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.one_time_tokens ENABLE ROW LEVEL SECURITY;

-- The JWT claims PostgREST sets for the request, read the two ways it has set them.
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $f$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                  nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid
$f$;
CREATE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $f$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                  nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')::text
$f$;
CREATE FUNCTION auth.email() RETURNS text LANGUAGE sql STABLE AS $f$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.email', true), ''),
                  nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')::text
$f$;
CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $f$
  SELECT coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                  nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$f$;
RESET ROLE;

-- The first releases' tables were granted to postgres with the grant option.
GRANT SELECT ON auth.users, auth.identities, auth.instances, auth.audit_log_entries, auth.schema_migrations,
  auth.sessions, auth.refresh_tokens, auth.mfa_factors, auth.mfa_challenges, auth.mfa_amr_claims, auth.flow_state,
  auth.sso_providers, auth.sso_domains, auth.saml_providers, auth.saml_relay_states, auth.one_time_tokens
  TO postgres WITH GRANT OPTION;
`;
