using System.Runtime.Intrinsics;
using Meridian.Core.Nts;

namespace Meridian.Core.Tests.Nts;

/// <summary>AES-CMAC and AES-SIV-CMAC against published vectors: RFC 4493, RFC 5297 A.1/A.2, Wycheproof aes_siv_cmac_test.json.</summary>
public sealed class AesSivCmacVectorTests
{
    private const string Rfc4493Key = "2b7e151628aed2a6abf7158809cf4f3c";
    private const string Rfc4493Message =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    [Theory]
    [InlineData(0, "bb1d6929e95937287fa37d129b756746")]
    [InlineData(16, "070a16b46b4d4144f79bdd9dd04a287c")]
    [InlineData(40, "dfa66747de9ae63030ca32611497c827")]
    [InlineData(64, "51f0bebf7e3b9d92fc49741779363cfe")]
    public void ComputesRfc4493Mac(int length, string expected)
    {
        using var cmac = new AesCmac();
        cmac.SetKey(Convert.FromHexString(Rfc4493Key));
        byte[] tag = new byte[16];
        cmac.Compute(Convert.FromHexString(Rfc4493Message).AsSpan(0, length)).CopyTo(tag);
        Assert.Equal(expected, Convert.ToHexStringLower(tag));
    }

    [Fact]
    public void SealsRfc5297DeterministicExample()
    {
        using var siv = Keyed("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        byte[] output = SealWith(siv, "112233445566778899aabbccddee", "101112131415161718191a1b1c1d1e1f2021222324252627");
        Assert.Equal("85632d07c6e8f37f950acd320a2ecc9340c02b9690c4dc04daef7f6afe5c", Convert.ToHexStringLower(output));
    }

    [Fact]
    public void SealsRfc5297NonceBasedExample_WithThreeStringsBeforeThePlaintext()
    {
        using var siv = Keyed("7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f");
        byte[] output = SealWith(
            siv,
            "7468697320697320736f6d6520706c61696e7465787420746f20656e6372797074207573696e67205349562d414553",
            "00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa99887766554433221100",
            "102030405060708090a0",
            "09f911029d74e35bd84156c5635688c0");
        Assert.Equal(
            "7bdb6e3b432667eb06f4d14bff2fbd0fcb900f2fddbe404326601965c889bf17dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d",
            Convert.ToHexStringLower(output));
    }

    /// <summary>A subset of Wycheproof's valid cases (tcId in the comment): both key sizes, empty, short, block-sized and long messages, and the SIV edge cases of the counter.</summary>
    [Theory]
    [InlineData(2, "2b27e429fb6c02678e589ccc4437c5adfb44b331ab6d21ea321727e6ec03d354", "", "", "b2b2354e3724dcdaa85ecf029b49a90c")]
    [InlineData(3, "e40992eb4f649e5d49134652aecc24bafa6b45ce8dd9e9d371ede7d5de84fa72", "8268c5194a71aed0fc1dafe3", "", "92bc07ee200fbd488b7f70a10da26a21")]
    [InlineData(8, "612e837843ceae7f61d49625faa7e7494f9253e20cb3adcea686512b043936cd", "865d39ae9b5e9ff8d6308e00208745bc", "cc37fae15f745a2f40e2c8b192f2b38d", "c79c86cd7509e60a16ca8cec6bcaa1c58fbd6099718991fe775bf5a659d30a24")]
    [InlineData(10, "649e373e681ef52e3c10ac265484750932a9918f28fb824f7cb50adab39781fe", "3a8363f51bce891eba7bcc0aa4311e10", "39b447bd3a01983c1cb761b456d69000948ceb870562a536126a0d18a8e7e49b16de8fe672f13d0808d8b7d957899917", "9f66765a019277a7a7acb92e80f8300baa724c92560951eb09d855f471fe1b589928e51f7a8a4bbc6cc9f55fabb2eca2ebb4faca14d1ae20cfdc31b9602e9891")]
    [InlineData(11, "298962335a075e9eacb7a7627beafa4ee5a02242423cdfb0b4f106eb61cf5663", "4c375fd3c4d45c5cfff16d55", "49", "f5c8155c7dd7f47c61d980ccd2175beb9b")]
    [InlineData(25, "95b330aa5fffa6c0e29fd6fa0debdcb9cf6b448820bea24875089ec8ca5a2387", "4dbf5c20ce4caeedfefcae1d", "c96596ebba6f89761b9d14dfcc8fb4", "91a7f5c4585351b8b76d4a4836a3199aa761e5f9ee1cdd84258a6a3696f7e9")]
    [InlineData(26, "b3b7c2c6d3d80918218afcd8bf2a71cf0220e2e8084ead8ba1abfb893ae36d40", "a5c2f6cf309f29c25f5ce35d", "dbcf98254157727c35f367fe6e15a2d089", "96bf5dd0c28dbd6072b70e2b5b72d3eb9f41adc6d5d877e808fbf15ed4117b5007")]
    [InlineData(30, "83bc39bf7b5faaf0f9223ed2aa761ab32c04993e3fbccd34ee616ffd28ce5766", "ed9ec561ecf5e289a1516c9f", "f70ef1598f403902dcab4cc23bb1265f34e825b99abc61b26a22b9bbf478c3c1e61e67e98201bc564d022b87b4106aad0c4ca2d30e8927fba5b52a76971ef79a92a1eb6cf4ef87aea6b551567a2c4c41", "fafea55bba0680a510ce095d5c8a40a84a76071b8938dcfe99c8c73b049230ac52df7e09769852a6057353a7df7b8d18882ce5369c6bb855f271d88108719a1b5ea5765f549c282639c8bfacc34b5b10991b8fbdae2e42429fb7f0554e0e5611")]
    [InlineData(31, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "", "1d7f9cc81b316c518efcd7927e8f7b88", "00000000000000000000000000000000f0dcac3115ddbd3d8ec28822e54088d0")]
    [InlineData(33, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "", "110d3aa6f558c30977870672804064e0", "ffffffffffffffffffffffffffffffff01f74b8e43a262001d8357f95489432e")]
    [InlineData(35, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "", "c83e256ba8baec0938e51a60bd819cc1", "ffffffffffffffffffffffff7fffffffd8c454431e404d0052e14beb6948bb0f")]
    [InlineData(37, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "", "d8c89e8ece83de437eac13ca7b1ebb2c", "ffffffffffffffff7fffffffffffffffc832efa678797f4a14a84241afd79ce2")]
    [InlineData(305, "e2c5662bb18fbb411d0304e4241db073fe60a4704fee290073513038a22b4cd542580b2b4edbc37e3de01c0cb61abcad46986cdc491ce9e5ae5af223ff58b953", "fab912dec29a34aabfaef176", "0d", "1c6969ecb15741a9959b7a8492250e391a")]
    [InlineData(319, "2a93a0c37797bee0c344b9ceed1a609813d8c5ee686d260f3aa6fc2f66dc59f400479d1dfe04e89e6df608a3f699ff1cb4e9bf24a78fb2dfddaa0011a2e40208", "6ae54f41ac52baf2f89abe8e", "3fc3bf53bb485c9edcb1d25adb4ca0", "2d344a54038a857f47e0c77eb0834538aaf01e61a8ac82c0012f9dac6f15ef")]
    [InlineData(323, "cd8689f821817f59bfaa755131f2565161c7f4489f89b657ac9fa127a9768535a702d001b9b99cc11c3976467b1b45865ff417dc256ebb5079b7f1b3e08307b5", "b3edffbb89b373fe04da244b", "ebcfb2ffb681cc5dfa0c5c524c1b1cc87cc6b2bfa35dc36d15e80505118b84a072a78a157b4d1837", "1ac78aae2ede04eb47924d8f9f99fe75deb61bf693da7f3a2147c05f6d29d17392356fe00f82b24cdbce774fd864561548f33dd3192d806f")]
    [InlineData(324, "72a76714e0171e8213de624f00e273bc900050e69d25c454cc42b61e8b3fbc92d4942e1ae14421e164046c1479a7b9c9f4b50b382cb62dfeaa210b98dec7d937", "6a8aaf2c84003e0e6f409658", "92d8f4dc7d41e8b180d66e8994022db79249cdc76fd7f3ea12d9925b51925250cd75a15fcfd78ea85c57fe6196f8d7545086f99ea796a0ea69170db9944200435d9d3d551943892400ce787f703c1105", "69f720f36b0da86ec8cc0f46d62835dcb35ac23f5b891152d861c4e0f0018f19d272ee8b12d83300bfd46aeec0124d5d23b3cb849c1cab1fdf64b70947ebf79f5442e209076dfa9a3f36ab0a6d3cf4a75ddfcdc21837743b20885db4c803ac27")]
    [InlineData(326, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f", "000102030405060708090a0b0c0d0e0f", "bfa1733d07afa03cb3f2eeb81bbde037", "000000000000000000000000000000004ce637d6ca9cdf1c2feb0d140865cddb")]
    [InlineData(329, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f", "", "ff4d7cdeb8f3c4e37a05a91ee26e2a84", "ffffffffffffffffffffffff7fffffffb0a9da80307785ecc1545966c64844de")]
    [InlineData(333, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f", "", "114cc36e58faceb2e6a2344a679ea4c3", "fffffffffffffffffffffffffffffffe2f849650d6e89e2668e990219195719c")]
    public void SealsAndOpensWycheproofCase(int tcId, string key, string aad, string msg, string ct)
    {
        using var siv = Keyed(key);
        Assert.True(ct == Convert.ToHexStringLower(SealWith(siv, msg, aad)), $"tcId {tcId}: seal");
        byte[] plaintext = new byte[msg.Length / 2];
        siv.Begin();
        siv.AddAssociatedData(Convert.FromHexString(aad));
        Assert.True(siv.Decrypt(Convert.FromHexString(ct), plaintext), $"tcId {tcId}: open");
        Assert.Equal(msg, Convert.ToHexStringLower(plaintext));
    }

    /// <summary>Wycheproof's invalid cases: a flipped tag bit is refused and the plaintext buffer is cleared.</summary>
    [Theory]
    [InlineData(335, "", "6ef5b8ef53fc365606cd3ea047374885")]
    [InlineData(336, "", "202e4a8f8b4c66788f3af230fb1c3ada5ead70c7f066d4df")]
    public void RefusesWycheproofInvalidCase(int tcId, string aad, string ct)
    {
        using var siv = Keyed("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
        byte[] plaintext = new byte[(ct.Length / 2) - 16];
        plaintext.AsSpan().Fill(0xAA);
        siv.Begin();
        siv.AddAssociatedData(Convert.FromHexString(aad));
        Assert.False(siv.Decrypt(Convert.FromHexString(ct), plaintext), $"tcId {tcId}");
        Assert.All(plaintext, b => Assert.Equal(0, b));
    }

    [Fact]
    public void TryOpen_RefusesAChangedAssociatedDataOrNonce()
    {
        using var siv = Keyed("7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f");
        byte[] ad = [1, 2, 3, 4, 5];
        byte[] nonce = new byte[16];
        byte[] plaintext = new byte[70];
        byte[] sealedBytes = new byte[86];
        siv.Seal(ad, nonce, plaintext, sealedBytes);
        byte[] opened = new byte[70];
        Assert.True(siv.TryOpen(ad, nonce, sealedBytes, opened));
        ad[4] ^= 1;
        Assert.False(siv.TryOpen(ad, nonce, sealedBytes, opened));
        ad[4] ^= 1;
        nonce[0] ^= 1;
        Assert.False(siv.TryOpen(ad, nonce, sealedBytes, opened));
    }

    private static AesSivCmac Keyed(string key)
    {
        var siv = new AesSivCmac();
        siv.SetKey(Convert.FromHexString(key));
        return siv;
    }

    private static byte[] SealWith(AesSivCmac siv, string plaintext, params string[] associated)
    {
        byte[] p = Convert.FromHexString(plaintext);
        byte[] output = new byte[p.Length + AesSivCmac.TagLength];
        siv.Begin();
        foreach (string a in associated)
        {
            siv.AddAssociatedData(Convert.FromHexString(a));
        }

        siv.Encrypt(p, output);
        return output;
    }
}
