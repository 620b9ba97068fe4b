package io.synapse.datasources.exec;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * MariaDB's driver in a native image, as the quarkus-jdbc-mariadb extension (not served by our
 * registry) would set it up: its configuration is read by reflection, and its codecs,
 * authentication and TLS plugins are found with ServiceLoader, whose service files
 * quarkus.native.resources.includes keeps. The credential plugins are left out on purpose: one
 * needs the AWS SDK, and none is used.
 */
@RegisterForReflection(classNames = { "org.mariadb.jdbc.Driver", "org.mariadb.jdbc.Configuration", "org.mariadb.jdbc.Configuration$Builder",
        "org.mariadb.jdbc.plugin.authentication.addon.ClearPasswordPluginFactory",
        "org.mariadb.jdbc.plugin.authentication.addon.SendGssApiAuthPacketFactory",
        "org.mariadb.jdbc.plugin.authentication.standard.Ed25519PasswordPluginFactory",
        "org.mariadb.jdbc.plugin.authentication.standard.NativePasswordPluginFactory",
        "org.mariadb.jdbc.plugin.authentication.standard.SendPamAuthPacketFactory",
        "org.mariadb.jdbc.plugin.authentication.standard.CachingSha2PasswordPluginFactory",
        "org.mariadb.jdbc.plugin.authentication.standard.ParsecPasswordPluginFactory", "org.mariadb.jdbc.plugin.tls.main.DefaultTlsSocketPlugin",
        "org.mariadb.jdbc.plugin.codec.BigDecimalCodec", "org.mariadb.jdbc.plugin.codec.BigIntegerCodec", "org.mariadb.jdbc.plugin.codec.BitSetCodec",
        "org.mariadb.jdbc.plugin.codec.BlobCodec", "org.mariadb.jdbc.plugin.codec.BooleanCodec", "org.mariadb.jdbc.plugin.codec.ByteArrayCodec",
        "org.mariadb.jdbc.plugin.codec.ByteCodec", "org.mariadb.jdbc.plugin.codec.ClobCodec", "org.mariadb.jdbc.plugin.codec.DateCodec",
        "org.mariadb.jdbc.plugin.codec.DoubleCodec", "org.mariadb.jdbc.plugin.codec.DurationCodec", "org.mariadb.jdbc.plugin.codec.FloatCodec",
        "org.mariadb.jdbc.plugin.codec.GeometryCollectionCodec", "org.mariadb.jdbc.plugin.codec.IntCodec", "org.mariadb.jdbc.plugin.codec.InstantCodec",
        "org.mariadb.jdbc.plugin.codec.OffsetDateTimeCodec", "org.mariadb.jdbc.plugin.codec.LineStringCodec", "org.mariadb.jdbc.plugin.codec.LocalDateCodec",
        "org.mariadb.jdbc.plugin.codec.LocalDateTimeCodec", "org.mariadb.jdbc.plugin.codec.LocalTimeCodec", "org.mariadb.jdbc.plugin.codec.LongCodec",
        "org.mariadb.jdbc.plugin.codec.MultiLinestringCodec", "org.mariadb.jdbc.plugin.codec.MultiPointCodec",
        "org.mariadb.jdbc.plugin.codec.MultiPolygonCodec", "org.mariadb.jdbc.plugin.codec.PointCodec", "org.mariadb.jdbc.plugin.codec.PolygonCodec",
        "org.mariadb.jdbc.plugin.codec.ReaderCodec", "org.mariadb.jdbc.plugin.codec.ShortCodec", "org.mariadb.jdbc.plugin.codec.StreamCodec",
        "org.mariadb.jdbc.plugin.codec.StringCodec", "org.mariadb.jdbc.plugin.codec.TimeCodec", "org.mariadb.jdbc.plugin.codec.TimestampCodec",
        "org.mariadb.jdbc.plugin.codec.UuidCodec", "org.mariadb.jdbc.plugin.codec.ZonedDateTimeCodec", "org.mariadb.jdbc.plugin.codec.FloatArrayCodec",
        "org.mariadb.jdbc.plugin.codec.FloatObjectArrayCodec" })
final class MariaDbNative {

    private MariaDbNative() {
    }
}
