import { PropsWithChildren } from 'react';
import './app.scss';

/** The app shell: pages render inside it; global state arrives with later features. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
