/*
 * A security label provider for tests, "dbalign_test", that accepts any label. PostgreSQL ships
 * none the embedded servers can load. It declares the two things it uses from the server instead
 * of including its headers (not installed with the embedded servers): the module magic block of
 * PostgreSQL 15 to 17 (PG_VERSION is the major times 100) and register_label_provider().
 */
typedef struct {
  int len;
  int version;
  int funcmaxargs;
  int indexmaxkeys;
  int namedatalen;
  int float8byval;
  char abi_extra[32];
} magic_block;

extern void register_label_provider(const char *provider, void (*hook)(const void *object, const char *label));

static void accept_any(const void *object, const char *label) {
  (void) object;
  (void) label;
}

const magic_block *Pg_magic_func(void) {
  static const magic_block block = { sizeof(magic_block), PG_VERSION, 100, 32, 64, 1, "PostgreSQL" };
  return &block;
}

void _PG_init(void) {
  register_label_provider("dbalign_test", accept_any);
}
