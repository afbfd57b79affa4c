using System.Collections.Immutable;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// The outcome of resolving a key: a status and a value (a message or a literal). Errors are values,
/// never exceptions. A device may instead ask for a sub-resolution (HyperBEAM's <c>{resolve, Steps}</c>),
/// which the resolver runs in its place.
/// </summary>
public readonly struct ResolveResult : IEquatable<ResolveResult>
{
    private static readonly AoAtom NotFoundAtom = AoAtom.Of("not_found");
    private static readonly Message InfiniteRecursionBody =
        Message.Of(("status", 508), ("body", "Request creates infinite recursion."));

    private readonly AoValue? _value;

    public ResolveResult(ResolveStatus status, AoValue value, string? errorMessage = null, string? errorCode = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        Status = status;
        _value = value;
        ErrorMessage = errorMessage;
        ErrorCode = errorCode;
        Subresolution = default;
    }

    private ResolveResult(ImmutableArray<ResolveInput> subresolution)
    {
        Status = ResolveStatus.Ok;
        _value = AoAtom.Null;
        ErrorMessage = null;
        ErrorCode = null;
        Subresolution = subresolution;
    }

    public ResolveStatus Status { get; }

    public AoValue Value => _value ?? AoAtom.Null;

    /// <summary>Human-readable reason for a non-ok result, when there is one.</summary>
    public string? ErrorMessage { get; }

    /// <summary>One of <see cref="ResolveErrorCodes"/> when the resolver itself produced the error.</summary>
    public string? ErrorCode { get; }

    /// <summary>Steps to resolve in place of this result; default when the result is final.</summary>
    public ImmutableArray<ResolveInput> Subresolution { get; }

    public bool IsSubresolution => !Subresolution.IsDefault;

    public bool IsOk => Status == ResolveStatus.Ok;

    /// <summary>True for <c>default(ResolveResult)</c>, which no device should return.</summary>
    internal bool IsDefault => _value is null;

    /// <summary>The value when it is a message, else null.</summary>
    public Message? Message => _value as Message;

    /// <summary>The hashpath the resolver linked the result to (in its private part), if any.</summary>
    public string? Hashpath => (_value as Message)?.Priv.GetText("hashpath");

    public static ResolveResult Ok(AoValue value) => new(ResolveStatus.Ok, value);

    public static ResolveResult Created(AoValue value) => new(ResolveStatus.Created, value);

    public static ResolveResult Skip(Message state) => new(ResolveStatus.Skip, state);

    public static ResolveResult Pass(Message state) => new(ResolveStatus.Pass, state);

    public static ResolveResult Error(string message, string? code = null) =>
        new(ResolveStatus.Error, AoBinary.FromString(message), message, code);

    /// <summary>HyperBEAM's <c>{error, not_found}</c>: the key has no value.</summary>
    public static ResolveResult NotFound(string key) =>
        new(ResolveStatus.NotFound, NotFoundAtom, $"key '{key}' not found");

    public static ResolveResult Failure(string message, string? code = null) =>
        new(ResolveStatus.Failure, AoBinary.FromString(message), message, code);

    public static ResolveResult Unavailable(string message, string? code = null) =>
        new(ResolveStatus.Unavailable, AoBinary.FromString(message), message, code);

    /// <summary>
    /// Recursion went deeper than <see cref="ResolveOptions.MaxDepth"/>. The value mirrors HyperBEAM's
    /// <c>{status: 508, body: …}</c> so the HTTP layer can answer 508 Loop Detected.
    /// </summary>
    public static ResolveResult InfiniteRecursion(int depth) =>
        new(ResolveStatus.Failure, InfiniteRecursionBody,
            $"request creates infinite recursion (depth {depth} exceeds the limit)", ResolveErrorCodes.InfiniteRecursion);

    /// <summary>Asks the resolver to resolve <paramref name="steps"/> (as <c>ResolveManyAsync</c>) and use that result.</summary>
    public static ResolveResult Resolve(params ResolveInput[] steps) => new(ImmutableArray.Create(steps));

    public ResolveResult WithValue(AoValue value) => new(Status, value, ErrorMessage, ErrorCode);

    public bool Equals(ResolveResult other) =>
        Status == other.Status
        && Value.Equals(other.Value)
        && ErrorMessage == other.ErrorMessage
        && ErrorCode == other.ErrorCode
        && (Subresolution.IsDefault ? other.Subresolution.IsDefault : !other.Subresolution.IsDefault && Subresolution.SequenceEqual(other.Subresolution));

    public override bool Equals(object? obj) => obj is ResolveResult r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(Status, Value, ErrorCode);

    public static bool operator ==(ResolveResult left, ResolveResult right) => left.Equals(right);

    public static bool operator !=(ResolveResult left, ResolveResult right) => !left.Equals(right);

    public override string ToString() =>
        IsSubresolution ? $"resolve [{Subresolution.Length} steps]"
        : ErrorMessage is null ? $"{Status}: {Value}" : $"{Status}: {ErrorMessage}";
}
