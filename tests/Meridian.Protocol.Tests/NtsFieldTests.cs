using System.Buffers.Binary;

namespace Meridian.Protocol.Tests;

/// <summary>RFC 7822 field writing and RFC 8915 §5.6's authenticator layout.</summary>
public sealed class NtsFieldTests
{
    [Theory]
    [InlineData(0, 16)]
    [InlineData(12, 16)]
    [InlineData(13, 20)]
    [InlineData(32, 36)]
    [InlineData(104, 108)]
    public void WritesFieldsPaddedToFourBytesAndTheSixteenByteMinimum(int valueLength, int fieldLength)
    {
        byte[] destination = Enumerable.Repeat((byte)0xEE, 200).ToArray();
        byte[] value = Enumerable.Repeat((byte)0xAB, valueLength).ToArray();

        Assert.Equal(fieldLength, ExtensionFieldWriter.Write(destination, NtsFieldType.Cookie, value));
        Assert.Equal(NtsFieldType.Cookie, BinaryPrimitives.ReadUInt16BigEndian(destination));
        Assert.Equal(fieldLength, BinaryPrimitives.ReadUInt16BigEndian(destination.AsSpan(2)));
        Assert.All(destination[(4 + valueLength)..fieldLength], b => Assert.Equal(0, b));
        Assert.Equal(0xEE, destination[fieldLength]);
    }

    [Fact]
    public void WritesNothing_WhenTheFieldDoesNotFit() =>
        Assert.Equal(0, ExtensionFieldWriter.Write(new byte[35], NtsFieldType.UniqueIdentifier, new byte[32]));

    [Fact]
    public void ReadsBackTheAuthenticatorItWrote()
    {
        byte[] field = new byte[64];
        byte[] nonce = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

        int length = NtsAuthenticatorField.WriteFrame(field, nonce, 20, out int ciphertextOffset);

        Assert.Equal(4 + 4 + 16 + 20, length);
        Assert.Equal(24, ciphertextOffset);
        Assert.True(NtsAuthenticatorField.TryRead(field.AsSpan(4, length - 4), out ReadOnlySpan<byte> readNonce, out ReadOnlySpan<byte> ciphertext));
        Assert.Equal(nonce, readNonce.ToArray());
        Assert.Equal(20, ciphertext.Length);
    }

    [Theory]
    [InlineData(0, 16, 40)] // no nonce
    [InlineData(16, 15, 40)] // ciphertext shorter than a tag
    [InlineData(16, 16, 32)] // lengths beyond the body
    [InlineData(8, 16, 32)] // a nonce area under 16 bytes, as chrony also refuses
    public void RefusesAuthenticatorBodies_WhoseLengthsDoNotFit(int nonceLength, int ciphertextLength, int bodyLength)
    {
        byte[] body = new byte[bodyLength];
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)nonceLength);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2), (ushort)ciphertextLength);

        Assert.False(NtsAuthenticatorField.TryRead(body, out _, out _));
    }
}
