import { matchRoute, routeKey } from './routes';

const route = (path: string, search = '') => matchRoute(path, new URLSearchParams(search));

describe('matchRoute', () => {
  it("routes Grafana's connections paths the host serves", () => {
    expect(route('/connections/datasources')).toEqual({ page: 'datasources' });
    expect(route('/connections/datasources/new')).toEqual({ page: 'newDatasource' });
    expect(route('/connections/datasources/new/')).toEqual({ page: 'newDatasource' });
    expect(route('/connections/datasources/edit/abc%20d')).toEqual({ page: 'datasource', uid: 'abc d' });
    expect(route('/connections/datasources/new/extra')).toEqual({
      page: 'notFound',
      path: '/connections/datasources/new/extra',
    });
  });

  it('gives each page its own key', () => {
    const keys = ['/connections/datasources', '/connections/datasources/new', '/connections/datasources/edit/new'].map(
      (p) => routeKey(route(p))
    );
    expect(new Set(keys).size).toBe(3);
  });
});
