namespace Meridian.Core.Nts;

/// <summary>
/// The client-to-server and server-to-client keys exported from one finished TLS session for each
/// supported AEAD. They are exported before the request is read (the TLS library allows the export
/// only as the handshake completes), so the responder picks the pair of the AEAD it negotiates.
/// </summary>
public sealed class NtsKeSessionKeys
{
    private readonly byte[]?[] _c2s = new byte[]?[NtsKeAeads.Supported.Count];
    private readonly byte[]?[] _s2c = new byte[]?[NtsKeAeads.Supported.Count];

    public void Set(NtsAead aead, byte[] c2s, byte[] s2c)
    {
        int i = Index(aead);
        int length = NtsKeAeads.KeyLength(aead);
        if (c2s.Length != length || s2c.Length != length)
        {
            throw new ArgumentException($"{aead} needs {length}-byte keys");
        }

        _c2s[i] = c2s;
        _s2c[i] = s2c;
    }

    public bool Has(NtsAead aead) => _c2s[Index(aead)] is not null;

    public ReadOnlySpan<byte> ClientToServer(NtsAead aead) => _c2s[Index(aead)] ?? throw new InvalidOperationException($"no keys exported for {aead}");

    public ReadOnlySpan<byte> ServerToClient(NtsAead aead) => _s2c[Index(aead)] ?? throw new InvalidOperationException($"no keys exported for {aead}");

    private static int Index(NtsAead aead)
    {
        for (int i = 0; i < NtsKeAeads.Supported.Count; i++)
        {
            if (NtsKeAeads.Supported[i] == aead)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(aead), aead, "not a supported AEAD");
    }
}
