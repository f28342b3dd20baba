import { templateSrvWith } from '../testing/templateSrv';
import { annotationLinkVariables, linkVariableName, referencedVariables, variableUrlParams } from './linkVariables';

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

describe('annotationLinkVariables', () => {
  const vars = templateSrvWith({ service: 'api', env: 'prod', focus: '1', compare: 'off', at: '2' });

  it('sets focus and compare, and keeps only the other variables the annotation names', () => {
    const written = { refId: 'Anno', labelSelector: '{service_name="$service"}' };
    expect(annotationLinkVariables(written, vars)).toEqual({
      focusVariable: 'focus',
      compareVariable: 'compare',
      variableParams: 'var-service=api',
    });
  });

  it('uses the focus and compare variables the annotation names, and never keeps their values', () => {
    const written = {
      refId: 'Anno',
      labelSelector: '{service_name="$service"}',
      focusVariable: '$at',
      compare: '$cmp',
    };
    expect(annotationLinkVariables(written, vars)).toEqual({
      focusVariable: 'at',
      compareVariable: 'cmp',
      variableParams: 'var-service=api',
    });
    // A fixed compare mode names no variable: the links set the story's `compare`.
    expect(annotationLinkVariables({ refId: 'Anno', compare: 'before' }, vars).compareVariable).toBe('compare');
  });
});

describe('linkVariableName', () => {
  it('a focus variable written $focus (or any other form) gives the bare name a link sets: never var-%24focus', () => {
    for (const written of [
      '$focus',
      ' ${focus} ',
      '${focus:raw}',
      '${focus.value}',
      '[[focus]]',
      '[[focus:text]]',
      'focus',
    ]) {
      expect(linkVariableName(written)).toBe('focus');
    }
    expect(linkVariableName('$a$b')).toBeUndefined();
    expect(linkVariableName('')).toBeUndefined();
    expect(linkVariableName(undefined)).toBeUndefined();
  });

  it('annotationLinkVariables keeps the focus variable out of the kept parameters whatever its form', () => {
    const vars = templateSrvWith({ focus: '1', service: 'api' });
    const got = annotationLinkVariables(
      { refId: 'Anno', focusVariable: '${focus:raw}', labelSelector: '{service_name="$service"}' },
      vars
    );
    expect(got).toEqual({ focusVariable: 'focus', compareVariable: 'compare', variableParams: 'var-service=api' });
  });
});
