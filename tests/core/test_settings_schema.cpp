// The settings schema (core/settings_schema.h): every row reads and writes its own field and
// nothing else, its default is a value the window and the core accept, and names are unique.
#include <QtTest>
#include <set>
#include <string>

#include "core/machine_runner.h"
#include "core/settings_schema.h"

using namespace couplinglab;

namespace {

// A value of the row's type that differs from its default and lies in the window's limits.
SettingValue otherValue(const SettingSpec& spec) {
    const SettingValue value = spec.defaultValue();
    switch (spec.type) {
        case SettingType::Flag:
            return !std::get<bool>(value);
        case SettingType::Choice: {
            const auto index =
                static_cast<std::size_t>(choiceIndex(spec, std::get<std::string>(value)));
            return std::string(spec.choices[(index + 1) % spec.windowChoices]);
        }
        case SettingType::Whole: {
            const std::int64_t whole = std::get<std::int64_t>(value);
            return whole > static_cast<std::int64_t>(spec.minimum) ? whole - 1 : whole + 1;
        }
        case SettingType::Count:
        case SettingType::Seed:
            return std::get<std::uint64_t>(value) + 1;
        case SettingType::Real: {
            const double real = std::get<double>(value);
            return real < spec.maximum - 0.5 ? real + 0.5 : real - 0.5;
        }
    }
    return value;
}

}  // namespace

class TestSettingsSchema : public QObject {
    Q_OBJECT

  private slots:
    void eachRow_data() {
        QTest::addColumn<QString>("path");
        for (const SettingSpec& spec : settingsSchema())
            QTest::newRow(spec.path().c_str()) << QString::fromStdString(spec.path());
    }

    void eachRow() {
        QFETCH(QString, path);
        const SettingSpec& spec = setting(path.toStdString());
        QCOMPARE(QString::fromStdString(spec.path()), path);
        // The default (from the structs' initialisers) is one the window can show.
        QVERIFY(withinWindowLimits(spec, spec.defaultValue()));
        // Writing another value changes this setting and no other.
        AllSettings changed;
        const SettingValue other = otherValue(spec);
        QVERIFY(other != spec.defaultValue());
        spec.set(changed, other);
        QVERIFY(spec.get(changed) == other);
        QVERIFY(!(changed == AllSettings{}));
        for (const SettingSpec& rest : settingsSchema()) {
            if (&rest != &spec) QVERIFY2(rest.get(changed) == rest.defaultValue(), rest.key.data());
        }
        if (spec.type == SettingType::Choice) {
            QVERIFY(spec.windowChoices >= 1 && spec.windowChoices <= spec.choices.size());
            QVERIFY(!spec.cliNoun.empty() || spec.cliOption.empty());
        }
        QVERIFY(spec.type == SettingType::Real || spec.decimals == kAnyDecimals);
    }

    void namesAreUnique() {
        std::set<std::string> paths;
        std::set<std::string_view> options;
        std::set<std::string_view> widgets;
        for (const SettingSpec& spec : settingsSchema()) {
            QVERIFY2(paths.insert(spec.path()).second, spec.path().c_str());
            for (const std::string_view option : {spec.cliOption, spec.cliSynonym.option}) {
                if (!option.empty()) QVERIFY2(options.insert(option).second, option.data());
            }
            if (spec.isShownInWindow())
                QVERIFY2(widgets.insert(spec.widget).second, spec.widget.data());
        }
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, setting("sampler.adaptMetric"));
    }

    // The metric is the one row that is not a single field.
    void theMetricRowIsTheSamplersTwoFields_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("adaptMetric");
        QTest::addColumn<bool>("denseMetric");
        QTest::newRow("unit") << "unit" << false << false;
        QTest::newRow("diag") << "diag" << true << false;
        QTest::newRow("dense") << "dense" << true << true;
    }
    void theMetricRowIsTheSamplersTwoFields() {
        QFETCH(QString, name);
        QFETCH(bool, adaptMetric);
        QFETCH(bool, denseMetric);
        const SettingSpec& metric = setting("sampler.metric");
        AllSettings all;
        metric.set(all, name.toStdString());
        QCOMPARE(all.run.sampler.adaptMetric, adaptMetric);
        QCOMPARE(all.run.sampler.denseMetric, denseMetric);
        QVERIFY(metric.get(all) == SettingValue(name.toStdString()));
        // The window offers unit and diag; dense is the K-unit machine's.
        QCOMPARE(withinWindowLimits(metric, name.toStdString()), !denseMetric);
    }

    void stansConstantsAreKeptButNotShown() {
        for (const char* key : {"maxDeltaH", "gamma", "kappa", "t0", "initBuffer", "termBuffer",
                                "baseWindow", "initRadius"}) {
            const SettingSpec& spec = setting(std::string("sampler.") + key);
            QVERIFY2(!spec.isShownInWindow() && !spec.stored && spec.cliOption.empty(), key);
        }
        QVERIFY(setting("sampler.chains").applies == Applies::AtReset);
        QVERIFY(setting("sampler.seed").applies == Applies::AtReset);
        QVERIFY(setting("data.pairs").applies == Applies::AtGenerate);
    }
};

QTEST_GUILESS_MAIN(TestSettingsSchema)
#include "test_settings_schema.moc"
