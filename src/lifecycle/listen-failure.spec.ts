import { ConfigurationError } from '../config';
import { explainListenFailure } from './listen-failure';

const listenError = (code: string) => Object.assign(new Error(`listen ${code}: address already in use :::3000`), { code });

describe('explainListenFailure', () => {
  it('turns a taken port into a configuration error naming PORT', () => {
    const explained = explainListenFailure(listenError('EADDRINUSE'), 3000);
    expect(explained).toBeInstanceOf(ConfigurationError);
    expect((explained as Error).message).toBe('PORT: port 3000 is in use by another process; set PORT to a free port');
  });

  it('says a privileged port needs privileges', () => {
    expect((explainListenFailure(listenError('EACCES'), 80) as Error).message).toBe(
      'PORT: port 80 needs privileges this process lacks; set PORT to 1024 or above',
    );
  });

  it('passes any other failure on unchanged', () => {
    const other = new Error('disk full');
    expect(explainListenFailure(other, 3000)).toBe(other);
  });
});
