using System.Runtime.Intrinsics;
using Meridian.Core.Nts;

namespace Meridian.Core.Tests.Nts;

/// <summary>The AES-instruction key schedules and rounds against .NET's AES (OpenSSL) on seeded random keys and blocks.</summary>
public sealed class AesBlockCipherTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    public void EncryptsLikeDotNetAes(int keyLength)
    {
        int seed = Environment.TickCount;
        var random = new Random(seed);
        using var reference = System.Security.Cryptography.Aes.Create();
        using var cipher = new AesBlockCipher();
        for (int trial = 0; trial < 200; trial++)
        {
            byte[] key = new byte[keyLength];
            byte[] block = new byte[16];
            random.NextBytes(key);
            random.NextBytes(block);
            reference.Key = key;
            byte[] expected = reference.EncryptEcb(block, System.Security.Cryptography.PaddingMode.None);
            cipher.SetKey(key);
            byte[] actual = new byte[16];
            cipher.Encrypt(Vector128.Create(block)).CopyTo(actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"seed {seed}, trial {trial}");
        }
    }

    [Fact]
    public void EncryptsFourBlocksLikeOne()
    {
        using var cipher = new AesBlockCipher();
        cipher.SetKey(Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        Vector128<byte> a = Vector128.Create((byte)1), b = Vector128.Create((byte)2), c = Vector128.Create((byte)3), d = Vector128.Create((byte)4);
        cipher.Encrypt4(ref a, ref b, ref c, ref d);
        Assert.Equal(cipher.Encrypt(Vector128.Create((byte)1)), a);
        Assert.Equal(cipher.Encrypt(Vector128.Create((byte)4)), d);
    }

    [Fact]
    public void UsesTheAesInstructionsOnThisMachine() => Assert.True(AesBlockCipher.IsAccelerated);
}
