// Who is signed in to the back office. The token lives in sessionStorage: gone when the tab closes.
import { useToken } from '/common/js/api.js';

const TOKEN = 'mlml-office-token';
const ROLE = 'mlml-office-role';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  role: () => sessionStorage.getItem(ROLE),
  isAdmin: () => sessionStorage.getItem(ROLE) === 'admin',
  save(token, role) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(ROLE, role);
  },
  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(ROLE);
  },
};

useToken(session.token);
