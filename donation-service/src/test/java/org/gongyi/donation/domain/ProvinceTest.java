package org.gongyi.donation.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProvinceTest {

    @Test
    void thirtyFourDivisionsWithDistinctNames() {
        assertEquals(34, Province.values().length);
        assertEquals(
                34,
                Arrays.stream(Province.values())
                        .map(Province::displayName)
                        .distinct()
                        .count());
        assertEquals(
                34,
                Arrays.stream(Province.values())
                        .map(Province::chineseName)
                        .distinct()
                        .count());
    }

    @ParameterizedTest
    @CsvSource({
        "Zhejiang,ZHEJIANG",
        "zhejiang,ZHEJIANG",
        " Zhejiang Province ,ZHEJIANG",
        "浙江,ZHEJIANG",
        "浙江省,ZHEJIANG",
        "Inner Mongolia,INNER_MONGOLIA",
        "innermongolia,INNER_MONGOLIA",
        "内蒙古自治区,INNER_MONGOLIA",
        "广西壮族自治区,GUANGXI",
        "新疆维吾尔自治区,XINJIANG",
        "宁夏回族自治区,NINGXIA",
        "Xizang,TIBET",
        "北京市,BEIJING",
        "Shanghai Municipality,SHANGHAI",
        "香港特别行政区,HONG_KONG",
        "Macao,MACAU",
        "Shaanxi,SHAANXI",
        "Shanxi,SHANXI"
    })
    void namesInEnglishOrChinese(String name, Province expected) {
        assertEquals(Optional.of(expected), Province.of(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P5", "Atlantis", "Zhejiang City", "浙", "Province"})
    void anythingElseIsNoDivision(String name) {
        assertEquals(Optional.empty(), Province.of(name));
    }

    @Test
    void noNameIsNoDivision() {
        assertEquals(Optional.empty(), Province.of(null));
    }
}
