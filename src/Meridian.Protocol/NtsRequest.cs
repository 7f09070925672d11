namespace Meridian.Protocol;

/// <summary>The NTS parts of a client request (RFC 8915 §5.7), as spans into the datagram.</summary>
public readonly ref struct NtsRequest
{
    public ReadOnlySpan<byte> UniqueIdentifier { get; init; }

    public ReadOnlySpan<byte> Cookie { get; init; }

    /// <summary>Cookie placeholders outside the authenticator (each as long as the cookie).</summary>
    public int Placeholders { get; init; }

    /// <summary>Where the authenticator field starts: everything before it is its associated data.</summary>
    public int AuthenticatorOffset { get; init; }

    public ReadOnlySpan<byte> Nonce { get; init; }

    public ReadOnlySpan<byte> Ciphertext { get; init; }
}
