export { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, loadOrCreateInstallationKey, readPublicKeyFile } from './installation-key.js';
