/**
 * Vite config for the browser client. The root is client/ so `vite build` writes client/dist,
 * which the server serves at `/`. In dev, `/api` and Socket.IO go to the local server
 * (BRANCHCAST_PORT, default 8080).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// VR: ship only the WebXR input profiles the app uses, and keep the dev-only emulator out of builds.
import { noXrEmulatorPlugin } from './client/src/xr/build/no-emulator-plugin.js';
import { xrProfilesPlugin } from './client/src/xr/build/xr-profiles-plugin.js';

const target = `http://localhost:${process.env.BRANCHCAST_PORT ?? 8080}`;

export default defineConfig({
  root: 'client',
  plugins: [react(), xrProfilesPlugin(), noXrEmulatorPlugin()],
  server: {
    proxy: {
      '/api': { target, changeOrigin: true },
      '/socket.io': { target, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // three + @react-three/fiber live in the lazily loaded scene chunk (see app.tsx); it is large
    // by nature and the lobby does not wait for it.
    chunkSizeWarningLimit: 1200,
  },
});
