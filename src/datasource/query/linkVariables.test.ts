import { templateSrvWith } from '../testing/templateSrv';
import { referencedVariables, variableUrlParams } from './linkVariables';

describe('referencedVariables', () => {
  it('finds every written form in any string value, nested ones included, once each and in order', () => {
    const query = {
      refId: 'Anno',
      labelSelector: '{service_name="$service", env=~"${env:regex}", zone="[[zone]]"}',
      groupBy: ['${split}'],
      spikes: { cooldown: '$cool', ratio: 0.5 },
      focusVariable: '$service',
    };
    expect(referencedVariables(query)).toEqual(['service', 'env', 'zone', 'split', 'cool']);
  });

  it('leaves out built-ins, which no link can set', () => {
    expect(referencedVariables({ a: '$__interval ${__all_variables} $x' })).toEqual(['x']);
  });
});

describe('variableUrlParams', () => {
  it('gives known variables as URL parameters and leaves out the ones the dashboard lacks', () => {
    const vars = templateSrvWith({ service: 'api', env: 'a b' });
    expect(variableUrlParams(['service', 'missing', 'env'], vars)).toBe('var-service=api&var-env=a%20b');
    expect(variableUrlParams([], vars)).toBe('');
  });
});
