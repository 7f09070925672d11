using System.Reflection;

namespace Meridian.Protocol.Tests;

public class KissCodeTests
{
    public static TheoryData<string> CodeFieldNames()
    {
        var data = new TheoryData<string>();
        foreach (FieldInfo field in typeof(KissCode).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            data.Add(field.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodeFieldNames))]
    public void EachConstant_SpellsItsOwnName(string fieldName)
    {
        var code = (ReferenceId)typeof(KissCode).GetField(fieldName)!.GetValue(null)!;

        Assert.True(code.TryGetAscii(out string text));
        Assert.Equal(fieldName.ToUpperInvariant(), text);
    }

    [Fact]
    public void DefinesTheRfc5905AndRfc8915Codes()
    {
        string[] expected = ["ACST", "AUTH", "AUTO", "BCST", "CRYP", "DENY", "DROP", "RSTR", "INIT", "MCST", "NKEY", "NTSN", "RATE", "RMOT", "STEP"];

        string[] actual = typeof(KissCode).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => ((ReferenceId)f.GetValue(null)!).ToString())
            .ToArray();

        Assert.Equal(expected.Order(), actual.Order());
    }

    [Fact]
    public void Deny_IsTheFourBytesOfDENY()
    {
        Assert.Equal(0x44454E59u, KissCode.Deny.Value);
        Assert.Equal(0x52415445u, KissCode.Rate.Value);
    }

    [Theory]
    [InlineData((byte)0, true)]
    [InlineData((byte)1, false)]
    [InlineData((byte)2, false)]
    [InlineData((byte)16, false)]
    [InlineData((byte)255, false)]
    public void IsKiss_OnlyForStratumZero(byte stratum, bool isKiss)
    {
        var header = NtpHeaderSamples.ServerResponse with { Stratum = stratum, ReferenceId = KissCode.Rate };

        Assert.Equal(isKiss, KissCode.IsKiss(header));
    }

    [Theory]
    [InlineData("DENY", true)]
    [InlineData("RSTR", true)]
    [InlineData("RATE", false)]
    [InlineData("INIT", false)]
    [InlineData("STEP", false)]
    [InlineData("NTSN", false)]
    [InlineData("DEN", false)]
    [InlineData("deny", false)]
    public void MeansStop_OnlyForDenyAndRstr(string code, bool meansStop)
    {
        Assert.Equal(meansStop, KissCode.MeansStop(ReferenceId.FromAscii(code)));
    }
}
