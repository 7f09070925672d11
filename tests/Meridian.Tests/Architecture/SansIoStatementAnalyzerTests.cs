using System.Collections.Immutable;
using Meridian.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Meridian.Tests.Architecture;

/// <summary>DESIGN §1.1: what the banned-symbol list cannot see — a lock statement, an extern method — is a compile error in the core too.</summary>
public class SansIoStatementAnalyzerTests
{
    [Fact]
    public void RejectsALockStatement()
    {
        var found = Analyze("class C { readonly object _gate = new(); int _n; void M() { lock (_gate) { _n++; } } }");

        Assert.Equal(["MER0001"], found);
    }

    [Fact]
    public void RejectsAnExternMethod_WhateverDeclaresIt()
    {
        var found = Analyze("using System.Runtime.InteropServices; static class C { [DllImport(\"libc\")] static extern int getpid(); }");

        Assert.Equal(["MER0002"], found);
    }

    [Fact]
    public void AcceptsPlainCode_WithVolatileAndInterlocked()
    {
        var found = Analyze("using System.Threading; class C { int _n; void M() { Interlocked.Increment(ref _n); Volatile.Write(ref _n, 1); } }");

        Assert.Empty(found);
    }

    private static List<string> Analyze(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("probe", [CSharpSyntaxTree.ParseText(source)], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        ImmutableArray<Diagnostic> diagnostics = compilation
            .WithAnalyzers([new SansIoStatementAnalyzer()])
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return diagnostics.Select(d => d.Id).ToList();
    }
}
