import { fireEvent, screen } from '@testing-library/react';
import { FieldType, toDataFrame } from '@grafana/data';

import { registerOptionEditors } from './optionEditors';
import { pick, renderEditor, stubSelectDom } from './testing';

beforeAll(() => {
  stubSelectDom();
  registerOptionEditors();
});

describe('select', () => {
  it('reports the chosen value from settings.options', async () => {
    const options = [
      { value: 10, label: 'Ten' },
      { value: 20, label: 'Twenty' },
    ];
    const { changes } = renderEditor('select', { value: 10, settings: { options } });
    expect(screen.getByText('Ten')).toBeInTheDocument();
    await pick(screen.getByRole('combobox'), 'Twenty');
    expect(changes).toEqual([20]);
  });

  it('asks settings.getOptions with the context', async () => {
    const getOptions = jest.fn(async () => [{ value: 'x', label: 'From context' }]);
    const context = { data: [toDataFrame({ fields: [] })] };
    const { changes } = renderEditor('select', { settings: { getOptions }, context });
    await pick(screen.getByRole('combobox'), 'From context');
    expect(getOptions).toHaveBeenCalledWith(context);
    expect(changes).toEqual(['x']);
  });

  it('still shows a saved value that is not among the options', () => {
    renderEditor('select', { value: 'legacy', settings: { options: [] } });
    expect(screen.getByText('legacy')).toBeInTheDocument();
  });
});

describe('multi-select', () => {
  it('reports an array of values', async () => {
    const options = [
      { value: 'a', label: 'Alpha' },
      { value: 'b', label: 'Beta' },
    ];
    const { changes } = renderEditor('multi-select', { value: ['a'], settings: { options } });
    await pick(screen.getByRole('combobox'), 'Beta');
    expect(changes).toEqual([['a', 'b']]);
  });
});

describe('field-name', () => {
  it('offers the display names of the data fields and reports the chosen name', async () => {
    const context = {
      data: [
        toDataFrame({
          fields: [
            { name: 'time', type: FieldType.time, values: [1] },
            { name: 'cpu', type: FieldType.number, values: [2] },
          ],
        }),
      ],
    };
    const { changes } = renderEditor('field-name', { context, settings: {} });
    await pick(screen.getByRole('combobox'), 'cpu');
    expect(changes).toEqual(['cpu']);
  });
});

it('select says why its choices could not be loaded', async () => {
  const getOptions = jest.fn(async () => {
    throw new Error('no data yet');
  });
  renderEditor('select', { settings: { getOptions } });
  fireEvent.keyDown(screen.getByRole('combobox'), { key: 'ArrowDown' });
  expect(await screen.findByText('Could not load the choices: no data yet')).toBeInTheDocument();
});
