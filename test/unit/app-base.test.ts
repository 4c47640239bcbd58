/** Static files come from the app's base whatever page is open (issue 16: VR through /join/CODE). */
import { describe, expect, it } from 'vitest';
import { appAssetUrl } from '../../client/src/app-base.js';
import { XR_PROFILE_PATH } from '../../client/src/xr/profiles.js';

describe('appAssetUrl', () => {
  it('resolves the input profiles at the root, not under the page path', () => {
    expect(appAssetUrl(XR_PROFILE_PATH, 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/xr-profiles/');
    expect(appAssetUrl('/xr-profiles/profilesList.json', 'http://h')).toBe('http://h/xr-profiles/profilesList.json');
  });
});
