using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ApexAgent.Portal.Data;

/// <summary>Stores an instant as UTC ticks so that SQLite can compare and order it.</summary>
internal sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
