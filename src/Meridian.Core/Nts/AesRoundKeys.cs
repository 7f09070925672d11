using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Meridian.Core.Nts;

/// <summary>The expanded key of AES-128 (11 round keys) or AES-256 (15), inline in its owner: no array.</summary>
[InlineArray(15)]
internal struct AesRoundKeys
{
    private Vector128<byte> _first;
}
