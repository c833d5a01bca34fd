package io.waybill.contracts;

/** Outer parcel size in whole millimetres: integers avoid unit and rounding disputes. */
public record Dimensions(int lengthMm, int widthMm, int heightMm) {
}
